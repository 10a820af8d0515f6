namespace RelevanceRelated.Analysis.Analyses;

/// <summary>The original run.py's analyses (its flags <c>--wml --cs --sub --pvs --pvs_only_border --fa</c>, and check_N).</summary>
public enum AnalysisKind
{
    Wml,
    Cortical,
    Subcortical,
    Pvs,
    PvsOnlyBorder,
    Fa,
    CheckN,
}

public static class AnalysisKinds
{
    public static readonly IReadOnlyList<AnalysisKind> All =
        [AnalysisKind.Wml, AnalysisKind.Cortical, AnalysisKind.Subcortical, AnalysisKind.Pvs, AnalysisKind.PvsOnlyBorder, AnalysisKind.Fa, AnalysisKind.CheckN];

    /// <summary>The name of the analysis as a flag of <c>analyze</c> (and in artifact roles): <c>wml</c>, <c>cs</c>, <c>sub</c>, <c>pvs</c>, <c>pvs-only-border</c>, <c>fa</c>, <c>check-n</c>.</summary>
    public static string Name(this AnalysisKind kind) => kind switch
    {
        AnalysisKind.Wml => "wml",
        AnalysisKind.Cortical => "cs",
        AnalysisKind.Subcortical => "sub",
        AnalysisKind.Pvs => "pvs",
        AnalysisKind.PvsOnlyBorder => "pvs-only-border",
        AnalysisKind.Fa => "fa",
        AnalysisKind.CheckN => "check-n",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown analysis."),
    };

    /// <exception cref="InvalidInputException">Not one of the names <see cref="Name"/> gives.</exception>
    public static AnalysisKind Parse(string text, string what = "analysis")
    {
        var name = text.Trim().ToLowerInvariant();
        foreach (var kind in All)
            if (kind.Name() == name) return kind;
        throw new InvalidInputException($"{what}: '{text}' is not an analysis; expected one of {string.Join(", ", All.Select(k => k.Name()))}.");
    }
}
