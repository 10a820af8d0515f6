using RelevanceRelated.Contracts;
using System.Globalization;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Grains.Stages;

/// <summary>The configured brain-age sub-ensembles as the strings their stages hash: every field that changes a prediction.</summary>
public static class ModelDescription
{
    public static IEnumerable<string> Of(IReadOnlyDictionary<string, ModelConfig> models) =>
        models.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Of(kv.Value));

    public static string Of(ModelConfig m) => string.Join("|",
        m.Name, m.Sequence, string.Join(",", m.Files), m.Orientation, Num(m.VoxelSize), m.Cube?.ToString(CultureInfo.InvariantCulture),
        m.Box is null ? null : string.Join(",", m.Box), m.Normalisation, m.ClipPercentile is { } c ? Num(c) : null, m.ClipScope,
        m.Head, Num(m.Intercept), m.Weights is null ? null : string.Join(",", m.Weights.Select(Num)), m.Output,
        m.AgeRange is null ? null : string.Join(",", m.AgeRange.Select(Num)),
        m.BinCentres is null ? null : string.Join(",", m.BinCentres.Select(Num)));

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
