namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// One subject of a finished cohort as the report sees it: covariates, the small results every stage recorded
/// (keyed <c>stage.name</c>, e.g. <c>brainage.demo_t1.prediction</c>, <c>features.demo_t1.pvs.p_pvs_voxel</c>) and the
/// summed relevance per brain region of each model (model → region name → sum).
/// </summary>
public sealed record CohortSubject(
    string SubjectId,
    double? Age,
    string? Sex,
    IReadOnlyDictionary<string, double> Values,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Regions)
{
    /// <summary>A recorded value, NaN when the subject has none.</summary>
    public double Value(string key) => Values.TryGetValue(key, out var v) ? v : double.NaN;
}
