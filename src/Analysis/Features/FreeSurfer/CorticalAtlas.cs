namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>
/// The cortical parcellations of the original's CS analysis, named as it named them: <c>dktbase</c> (Desikan-Killiany,
/// ?h.aparc.stats), <c>dkt</c> (DKT40, ?h.aparc.DKTatlas40.stats; FreeSurfer 7 writes ?h.aparc.DKTatlas.stats) and
/// <c>destrieux</c> (?h.aparc.a2009s.stats).
/// </summary>
public enum CorticalAtlas
{
    DesikanKilliany,
    Dkt40,
    Destrieux,
}

public static class CorticalAtlases
{
    public static readonly IReadOnlyList<CorticalAtlas> All = [CorticalAtlas.DesikanKilliany, CorticalAtlas.Dkt40, CorticalAtlas.Destrieux];

    /// <summary>The original's atlas name, as in <c>merged_cs_{name}.csv</c>.</summary>
    public static string Name(this CorticalAtlas atlas) => atlas switch
    {
        CorticalAtlas.DesikanKilliany => "dktbase",
        CorticalAtlas.Dkt40 => "dkt",
        CorticalAtlas.Destrieux => "destrieux",
        _ => throw new ArgumentOutOfRangeException(nameof(atlas), atlas, "Unknown cortical atlas."),
    };

    public static CorticalAtlas Parse(string text, string what = "--atlas") => text.Trim().ToLowerInvariant() switch
    {
        "dktbase" => CorticalAtlas.DesikanKilliany,
        "dkt" => CorticalAtlas.Dkt40,
        "destrieux" => CorticalAtlas.Destrieux,
        _ => throw new InvalidInputException($"{what}: '{text}' is not a cortical atlas; expected dktbase, dkt or destrieux."),
    };

    /// <summary>Stats file stems in order of preference: <c>?h.{stem}.stats</c>.</summary>
    public static IReadOnlyList<string> StatsStems(this CorticalAtlas atlas) => atlas switch
    {
        CorticalAtlas.DesikanKilliany => ["aparc"],
        CorticalAtlas.Dkt40 => ["aparc.DKTatlas40", "aparc.DKTatlas"],
        CorticalAtlas.Destrieux => ["aparc.a2009s"],
        _ => throw new ArgumentOutOfRangeException(nameof(atlas), atlas, "Unknown cortical atlas."),
    };

    /// <summary>
    /// The label volume (under the subject's <c>mri/</c>) whose codes the relevance is summed over, as the original
    /// chose it: aparc+aseg for Desikan-Killiany and also for DKT40 (its region names and codes are a subset of
    /// Desikan-Killiany's, so the original's load_subject_atlas took aparc+aseg: "both load aseg so doesn't matter"),
    /// aparc.a2009s+aseg for Destrieux. <see cref="OwnLabelVolume"/> is DKT40's own volume.
    /// </summary>
    public static string OriginalLabelVolume(this CorticalAtlas atlas) => atlas switch
    {
        CorticalAtlas.DesikanKilliany or CorticalAtlas.Dkt40 => "aparc+aseg.mgz",
        CorticalAtlas.Destrieux => "aparc.a2009s+aseg.mgz",
        _ => throw new ArgumentOutOfRangeException(nameof(atlas), atlas, "Unknown cortical atlas."),
    };

    /// <summary>Each atlas's own label volume: for DKT40, FreeSurfer's aparc.DKTatlas+aseg (FreeSurfer 6 and 7).</summary>
    public static string OwnLabelVolume(this CorticalAtlas atlas) =>
        atlas == CorticalAtlas.Dkt40 ? "aparc.DKTatlas+aseg.mgz" : atlas.OriginalLabelVolume();

    /// <summary>
    /// The label-volume code of a region: FreeSurferColorLUT's <c>ctx-lh-NAME</c> (1000 + ctab index; 2000 on the right)
    /// for Desikan-Killiany and DKT40, <c>ctx_lh_NAME</c> (11100 + index; 12100) for Destrieux, as the original's
    /// atlas_label_name_to_id_converter. Null when the lookup table does not know the name.
    /// </summary>
    public static int? LabelId(this CorticalAtlas atlas, string hemisphere, string structureName, FreeSurferColorLut? lut = null)
    {
        if (hemisphere is not ("lh" or "rh")) throw new ArgumentException($"hemisphere '{hemisphere}' is not lh or rh.", nameof(hemisphere));
        lut ??= FreeSurferColorLut.Standard;
        var name = atlas == CorticalAtlas.Destrieux ? $"ctx_{hemisphere}_{structureName}" : $"ctx-{hemisphere}-{structureName}";
        return lut.CodeOf(name);
    }

    /// <summary>The stats file of one hemisphere under a FreeSurfer subject directory: the first stem that exists.</summary>
    public static string StatsFile(this CorticalAtlas atlas, string subjectDirectory, string hemisphere)
    {
        var candidates = atlas.StatsStems().Select(stem => Path.Combine(subjectDirectory, "stats", $"{hemisphere}.{stem}.stats")).ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidInputException(
            $"{subjectDirectory}: no {atlas.Name()} stats for {hemisphere}; looked for {string.Join(" and ", candidates)}.");
    }
}
