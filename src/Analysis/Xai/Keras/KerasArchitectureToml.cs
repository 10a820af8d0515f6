using System.Text;
using System.Text.Json;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>
/// Reads the architecture of a weights-only Keras file (model.save_weights) from TOML: the input and the layers in
/// order, each with its Keras class, its name (the group its weights are stored under) and its Keras config keys;
/// absent keys take Keras's defaults. Unknown keys are refused (a misspelt key would otherwise fall back silently).
/// <code>
/// input_shape = [82, 86, 100, 1]   # channels-last, without the batch axis
/// input_dtype = "float32"          # optional
///
/// [[layers]]
/// class_name = "Conv3D"
/// name = "conv3d"
/// filters = 8
/// kernel_size = 6
/// padding = "same"
/// activation = "relu"
/// </code>
/// </summary>
public static class KerasArchitectureToml
{
    public static KerasArchitecture Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Architecture file '{path}' does not exist.");
        return Parse(File.ReadAllText(path), path);
    }

    public static KerasArchitecture Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new InvalidInputException($"{path}:{first.Span.Start.Line + 1}: expected valid TOML: {first.Message}");
        }
        int[]? inputShape = null;
        string inputName = "input_1", inputType = "float32";
        foreach (var item in document.KeyValues)
        {
            var line = item.Span.Start.Line + 1;
            var key = item.Key?.ToString().Trim() ?? "";
            var value = ToJson(item.Value, path, line, key);
            switch (key)
            {
                case "input_shape":
                    inputShape = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() >= 2
                        && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var d) && d > 0)
                        ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray()
                        : throw new InvalidInputException($"{path}:{line}: input_shape must list the positive sizes and the channel count (channels-last, no batch axis), e.g. [82, 86, 100, 1].");
                    break;
                case "input_name" or "input_dtype":
                    var s = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidInputException($"{path}:{line}: {key} must be a string.");
                    if (key == "input_name") inputName = s;
                    else inputType = s;
                    break;
                default:
                    throw new InvalidInputException($"{path}:{line}: unknown key '{key}'; expected input_shape, input_name, input_dtype and [[layers]] tables.");
            }
        }
        if (inputShape is null) throw new InvalidInputException($"{path}: input_shape is missing (channels-last, no batch axis, e.g. [82, 86, 100, 1]).");

        var layers = new List<KerasLayer>();
        foreach (var table in document.Tables)
        {
            var line = table.Span.Start.Line + 1;
            var tableName = table.Name?.ToString().Trim();
            if (table is not TableArraySyntax || tableName != "layers")
                throw new InvalidInputException($"{path}:{line}: [{tableName}] is not part of an architecture; layers are [[layers]] tables.");
            layers.Add(Layer(table, layers.Count, path, line));
        }
        if (layers.Count == 0) throw new InvalidInputException($"{path}: no [[layers]]; the architecture lists the model's layers in order.");
        return new KerasArchitecture(path, inputName, inputShape, inputType, layers);
    }

    private static KerasLayer Layer(TableSyntaxBase table, int index, string path, int line)
    {
        string? className = null, name = null;
        var config = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in table.Items)
        {
            var key = item.Key?.ToString().Trim() ?? "";
            var value = ToJson(item.Value, path, item.Span.Start.Line + 1, key);
            if (key is "class_name" or "name")
            {
                var s = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidInputException($"{path}:{item.Span.Start.Line + 1}: {key} must be a string.");
                if (key == "class_name") className = s;
                else name = s;
                continue;
            }
            config[key] = value;
        }
        var where = $"{path}:{line}: layers[{index}]";
        if (className is null) throw new InvalidInputException($"{where}: class_name is missing (e.g. \"Conv3D\").");
        if (name is null) throw new InvalidInputException($"{where} ({className}): name is missing (the layer's group in the weights file).");
        if (KerasNetworkConverter.KnownKeys(className) is { } known)
            foreach (var key in config.Keys.Where(k => !known.Contains(k)))
                throw new InvalidInputException($"{where} '{name}' ({className}): unknown key '{key}'; expected {string.Join(", ", known.Order())}.");
        config["name"] = JsonDocument.Parse(JsonSerializer.Serialize(name)).RootElement;
        var json = JsonDocument.Parse(JsonSerializer.Serialize(config)).RootElement;
        return new KerasLayer(className, name, json, $"{path}:{line}");
    }

    private static JsonElement ToJson(ValueSyntax? value, string path, int line, string key)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, value, path, line, key);
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement;
    }

    private static void Write(Utf8JsonWriter writer, ValueSyntax? value, string path, int line, string key)
    {
        switch (value)
        {
            case StringValueSyntax s: writer.WriteStringValue(s.Value ?? ""); break;
            case IntegerValueSyntax i: writer.WriteNumberValue(i.Value); break;
            case FloatValueSyntax f: writer.WriteNumberValue(f.Value); break;
            case BooleanValueSyntax b: writer.WriteBooleanValue(b.Value); break;
            case ArraySyntax a:
                writer.WriteStartArray();
                foreach (var item in a.Items) Write(writer, item.Value, path, line, key);
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidInputException($"{path}:{line}: {key}: expected a string, number, boolean or array.");
        }
    }
}
