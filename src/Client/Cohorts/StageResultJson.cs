using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RelevanceRelated.Contracts;
using RelevanceRelated.Contracts.Serialization;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// How the console shows a stage's typed result: as JSON with its type name (<c>--json</c>), or as <c>path = value</c>
/// lines of that JSON's leaves (text), so every field of every result type is shown without a printer per type.
/// </summary>
public static class StageResultJson
{
    /// <summary>Options that write a <see cref="StageResult"/> as its runtime type, with a <c>type</c> member.</summary>
    public static JsonSerializerOptions Options { get; } = new(AnalysisRecords.JsonOptions)
    {
        WriteIndented = true,
        Converters = { new RuntimeTypeWriter() },
    };

    /// <summary>The leaves of the result's JSON as <c>path = value</c>, e.g. <c>Models[0].Prediction.Ensemble = 52.1</c>.</summary>
    public static IEnumerable<string> Lines(StageResult result)
    {
        var node = JsonSerializer.SerializeToNode(result, result.GetType(), AnalysisRecords.JsonOptions);
        var lines = new List<string>();
        Flatten(node, "", lines);
        return lines;
    }

    private static void Flatten(JsonNode? node, string path, List<string> lines)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) Flatten(value, path.Length == 0 ? key : $"{path}.{key}", lines);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Flatten(a[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", lines);
                break;
            case JsonValue v:
                lines.Add($"{path} = {(v.TryGetValue<double>(out var d) ? d.ToString("G6", CultureInfo.InvariantCulture) : v.ToString())}");
                break;
        }
    }

    private sealed class RuntimeTypeWriter : JsonConverter<StageResult>
    {
        public override StageResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Stage results are written for people, not read back.");

        public override void Write(Utf8JsonWriter writer, StageResult value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), AnalysisRecords.JsonOptions)!.AsObject();
            node.Insert(0, "type", value.GetType().Name);
            node.WriteTo(writer, options);
        }
    }
}
