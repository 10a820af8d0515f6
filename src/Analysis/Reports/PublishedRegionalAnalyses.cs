using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// The published analyses' regional correlation families (<c>analyze COHORT</c>) as report sections: cortical regions
/// (<c>lh_insula</c>) drawn on aparc+aseg's <c>ctx-lh-insula</c>, Destrieux's on <c>ctx_lh_…</c>, aseg structures by
/// name; JHU tracts have no code in the region map's label volume and get a lollipop plot only.
/// </summary>
public static class PublishedRegionalAnalyses
{
    public static IReadOnlyList<RegionalAnalysis> From(IReadOnlyList<RegionalCorrelationSet> sets, double alpha) =>
        [.. sets.Select((set, i) => new RegionalAnalysis($"analysis-{set.Analysis.Name()}-{i + 1}", set.Title,
            $"Pearson correlation across subjects, per region, as the original R scripts compute it ({set.File}).",
            set.Correction, alpha,
            [.. set.Regions.Select(r => new RegionalResult(r.Region, Code(set.Analysis, r.Region), r.N, r.R, r.P, r.PCorrected, r.Significant))]))];

    /// <summary>The region's code in FreeSurfer's colour table, or null.</summary>
    public static int? Code(AnalysisKind analysis, string region)
    {
        var lut = FreeSurferColorLut.Standard;
        return analysis switch
        {
            AnalysisKind.Cortical when region.Length > 3 && region[2] == '_' =>
                lut.CodeOf($"ctx-{region[..2]}-{region[3..]}") ?? lut.CodeOf($"ctx_{region[..2]}_{region[3..]}"),
            AnalysisKind.Subcortical => lut.CodeOf(region),
            _ => null,
        };
    }
}
