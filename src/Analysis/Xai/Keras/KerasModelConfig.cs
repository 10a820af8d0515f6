using System.Text.Json;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>
/// Parses the model_config JSON of a Keras HDF5 model file into a <see cref="KerasArchitecture"/>: a Sequential model
/// (Keras 2's {"name", "layers"} config, or the older bare list of layers), or a Functional one ("Functional", or
/// "Model" before TF 2.4) whose layers form a single path from its one input to its one output. Inbound nodes are read
/// in Keras 2's nested-list form and in Keras 3's {"args": [keras tensor]} form.
/// </summary>
public static class KerasModelConfig
{
    public static KerasArchitecture Parse(string json, string source)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"Keras model '{source}': model_config is not valid JSON ({ex.Message}).", ex);
        }
        var where = $"Keras model '{source}'";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("class_name", out var classElement) || classElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("config", out var config))
            throw new InvalidInputException($"{where}: model_config has no class_name and config; expected a Keras model configuration.");
        var className = classElement.GetString()!;
        return className switch
        {
            "Sequential" => Sequential(config, where),
            "Functional" or "Model" => Functional(config, where),
            _ => throw new InvalidInputException($"{where}: model class '{className}'; a Sequential or Functional model is expected."),
        };
    }

    private static KerasArchitecture Sequential(JsonElement config, string where)
    {
        var list = config.ValueKind == JsonValueKind.Array ? config
            : config.ValueKind == JsonValueKind.Object && config.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array ? layers
            : throw new InvalidInputException($"{where}: the Sequential config has no list of layers.");
        var all = list.EnumerateArray().Select((l, i) => Layer(l, i, where)).ToList();
        if (all.Count == 0) throw new InvalidInputException($"{where}: the Sequential model has no layers.");
        // Keras 2 lists an InputLayer first; older files put the input's shape on the first real layer.
        var input = all[0].ClassName == "InputLayer" ? all[0] : null;
        var rest = input is null ? all : all.Skip(1).ToList();
        var (name, shape, type) = InputOf(input ?? rest[0], where);
        return new KerasArchitecture(where, input is null ? $"{rest[0].Name}_input" : name, shape, type, rest);
    }

    private static KerasArchitecture Functional(JsonElement config, string where)
    {
        if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("layers", out var layerList) || layerList.ValueKind != JsonValueKind.Array)
            throw new InvalidInputException($"{where}: the Functional config has no list of layers.");
        var layers = layerList.EnumerateArray().Select((l, i) => (Layer: Layer(l, i, where), Json: l)).ToList();
        var byName = new Dictionary<string, (KerasLayer Layer, JsonElement Json)>(StringComparer.Ordinal);
        foreach (var entry in layers)
            if (!byName.TryAdd(entry.Layer.Name, entry))
                throw new InvalidInputException($"{where}: two layers are named '{entry.Layer.Name}'.");
        var inputName = SingleEndpoint(config, "input_layers", where);
        var outputName = SingleEndpoint(config, "output_layers", where);

        // Walk back from the output along each layer's single inbound tensor.
        var chain = new List<KerasLayer>();
        var current = outputName;
        while (current != inputName)
        {
            if (!byName.TryGetValue(current, out var entry))
                throw new InvalidInputException($"{where}: the graph refers to layer '{current}', which is not in the model's layer list.");
            if (chain.Count > byName.Count) throw new InvalidInputException($"{where}: the graph from '{outputName}' back to '{inputName}' has a cycle.");
            chain.Add(entry.Layer);
            current = Inbound(entry.Layer, entry.Json);
        }
        chain.Reverse();
        if (!byName.TryGetValue(inputName, out var inputEntry) || inputEntry.Layer.ClassName != "InputLayer")
            throw new InvalidInputException($"{where}: the model input '{inputName}' is not an InputLayer.");
        var (name, shape, type) = InputOf(inputEntry.Layer, where);
        return new KerasArchitecture(where, name, shape, type, chain);
    }

    private static KerasLayer Layer(JsonElement layer, int index, string where)
    {
        if (layer.ValueKind != JsonValueKind.Object || !layer.TryGetProperty("class_name", out var cls) || cls.ValueKind != JsonValueKind.String
            || !layer.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{where}: layer {index} has no class_name and config object.");
        var name = config.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!
            : layer.TryGetProperty("name", out n) && n.ValueKind == JsonValueKind.String ? n.GetString()!
            : throw new InvalidInputException($"{where}: layer {index} ({cls.GetString()}) has no name.");
        return new KerasLayer(cls.GetString()!, name, config, where);
    }

    /// <summary>The name, channels-last shape (no batch axis) and dtype of the model's input layer.</summary>
    private static (string Name, int[] Shape, string Type) InputOf(KerasLayer layer, string where)
    {
        var key = layer.Has("batch_input_shape") ? "batch_input_shape" : layer.Has("batch_shape") ? "batch_shape" : null;
        if (key is null)
            throw new InvalidInputException($"{where}: layer '{layer.Name}' ({layer.ClassName}) does not declare the input shape (batch_input_shape).");
        var dims = layer.Config.GetProperty(key);
        if (dims.ValueKind != JsonValueKind.Array || dims.GetArrayLength() < 2)
            throw new InvalidInputException($"{where}: layer '{layer.Name}': {key} {dims} is not [batch, sizes…, channels].");
        var shape = new List<int>();
        foreach (var d in dims.EnumerateArray().Skip(1))
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var size) || size < 1)
                throw new InvalidInputException(
                    $"{where}: layer '{layer.Name}': {key} {dims} has a free or invalid size; the ONNX model needs a fixed input shape (re-save the model with a fixed input size).");
            shape.Add(size);
        }
        return (layer.Name, shape.ToArray(), layer.DataType());
    }

    private static string SingleEndpoint(JsonElement config, string key, string where)
    {
        if (!config.TryGetProperty(key, out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidInputException($"{where}: the Functional config has no {key}.");
        // [[name, node, tensor], …], or a single [name, node, tensor] (Keras 3 for one endpoint).
        var items = list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.String ? [list] : list.EnumerateArray().ToList();
        if (items.Count != 1 || items[0].ValueKind != JsonValueKind.Array || items[0].GetArrayLength() < 1 || items[0][0].ValueKind != JsonValueKind.String)
            throw new InvalidInputException($"{where}: {items.Count} {key}; LRP models need exactly one input and one output.");
        return items[0][0].GetString()!;
    }

    /// <summary>The one layer feeding this one: Keras 2 [[[name, node, tensor, kwargs]]] or Keras 3 [{"args": [tensor]}].</summary>
    private static string Inbound(KerasLayer layer, JsonElement json)
    {
        if (!json.TryGetProperty("inbound_nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array || nodes.GetArrayLength() == 0)
            throw layer.Error("has no inbound nodes but is not the model input.");
        if (nodes.GetArrayLength() > 1)
            throw layer.Error($"is called {nodes.GetArrayLength()} times (a shared layer); only single-path graphs are supported.");
        var node = nodes[0];
        var tensors = new List<JsonElement>();
        if (node.ValueKind == JsonValueKind.Array) tensors.AddRange(node.EnumerateArray());
        else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array)
            foreach (var arg in args.EnumerateArray())
                tensors.AddRange(arg.ValueKind == JsonValueKind.Array ? arg.EnumerateArray() : [arg]);
        if (tensors.Count != 1)
            throw layer.Error($"takes {tensors.Count} inputs; only single-path (sequential) graphs are supported.");
        var tensor = tensors[0];
        if (tensor.ValueKind == JsonValueKind.Array && tensor.GetArrayLength() >= 1 && tensor[0].ValueKind == JsonValueKind.String)
            return tensor[0].GetString()!;
        if (tensor.ValueKind == JsonValueKind.Object && tensor.TryGetProperty("config", out var config)
            && config.TryGetProperty("keras_history", out var history) && history.ValueKind == JsonValueKind.Array && history[0].ValueKind == JsonValueKind.String)
            return history[0].GetString()!;
        throw layer.Error($"has an inbound node in an unknown form ({node}).");
    }
}
