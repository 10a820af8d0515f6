using System.Text.Json.Serialization;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// The masks the original related relevance to: perivascular spaces and white-matter lesions. In JSON (grain state)
/// they are the strings "pvs" and "wml", as mask metrics recorded them before this enum.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaskFeature>))]
public enum MaskFeature
{
    [JsonStringEnumMemberName("pvs")] Pvs,
    [JsonStringEnumMemberName("wml")] Wml,
}

public static class MaskFeatures
{
    public static readonly IReadOnlyList<MaskFeature> All = [MaskFeature.Pvs, MaskFeature.Wml];

    /// <summary>The name in the original's column names (<c>n_pvs_voxel</c>, <c>n_wml_voxel</c>, ...).</summary>
    public static string Name(this MaskFeature feature) => feature switch
    {
        MaskFeature.Pvs => "pvs",
        MaskFeature.Wml => "wml",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown mask feature."),
    };

    /// <summary>Parses "pvs" or "wml"; <paramref name="what"/> names the input in the error.</summary>
    public static MaskFeature Parse(string text, string what = "--feature") => text.Trim().ToLowerInvariant() switch
    {
        "pvs" => MaskFeature.Pvs,
        "wml" => MaskFeature.Wml,
        _ => throw new InvalidInputException($"{what}: '{text}' is not a mask feature; expected pvs or wml."),
    };
}
