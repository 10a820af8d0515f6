using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Grains.Stages;

/// <summary>The configured brain-age sub-ensembles as the strings their stages hash: every field that changes a prediction.</summary>
public static class ModelDescription
{
    public static IEnumerable<string> Of(IReadOnlyDictionary<string, ModelConfig> models) =>
        models.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Of(kv.Value));

    public static string Of(ModelConfig m) => m.Describe();
}
