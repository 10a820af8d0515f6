using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// The statistics of one brain-age model over a cohort.
/// </summary>
/// <param name="N">Subjects with both a chronological age and a prediction.</param>
/// <param name="Mae">Mean absolute error of the ensemble prediction, years.</param>
/// <param name="Correlation">Predicted vs chronological age (null below 3 subjects).</param>
/// <param name="PvsShare">Mean share of positive relevance inside the PVS mask (the original's p_pvs_voxel).</param>
/// <param name="PvsExpectedShare">Mean share expected if PVS voxels carried average positive relevance (the original's p_voxel).</param>
/// <param name="PvsTest">Paired t-test of observed vs expected share.</param>
/// <param name="Regions">Regional correlations with age, smallest p first.</param>
public sealed record CohortSummary(
    string Model,
    int N,
    double Mae,
    CorrelationResult? Correlation,
    double DbaMean,
    double DbaSd,
    double PvsShare,
    double PvsExpectedShare,
    PairedTTest PvsTest,
    IReadOnlyList<RegionalCorrelation> Regions)
{
    /// <summary>Observed over expected share of relevance in PVS (1 = as much as their volume predicts).</summary>
    public double PvsRatio => PvsShare / PvsExpectedShare;
}
