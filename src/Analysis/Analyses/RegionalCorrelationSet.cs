namespace RelevanceRelated.Analysis.Analyses;

/// <summary>One region's correlation across subjects, as an analysis's statistics table holds it.</summary>
public sealed record RegionalCorrelation(string Region, int N, double R, double P, double PCorrected, bool Significant);

/// <summary>
/// One family of regional correlations (e.g. DK cortical sum_relevance vs grey-matter volume, Bonferroni × 68): the
/// analysis it belongs to, a title a reader understands, the file the numbers are in, and the regions. Reports draw
/// lollipop plots from these; <c>stats --json</c> lists them.
/// </summary>
public sealed record RegionalCorrelationSet(
    AnalysisKind Analysis,
    string Title,
    string File,
    string Correction,
    IReadOnlyList<RegionalCorrelation> Regions)
{
    public int SignificantCount => Regions.Count(r => r.Significant);
}

/// <summary>What the R-script statistics on merged tables wrote (paths), found (the regional correlation families) and could not run (warnings).</summary>
public sealed record MergedTableResults(IReadOnlyList<string> Files, IReadOnlyList<RegionalCorrelationSet> Correlations, IReadOnlyList<string> Warnings);
