namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Everything a cohort report shows: who and what produced it, every submitted subject (failed ones included), the
/// statistics computed on the cluster, the regional analyses to draw (the cohort statistics' and any published
/// analysis's), the cohort-level maps the export computed and the label volume region maps are drawn on.
/// </summary>
/// <param name="Cohort">The cohort's name.</param>
/// <param name="Generated">When the report was made (shown in UTC).</param>
/// <param name="Software">The software version (<see cref="SoftwareVersion.Current"/>).</param>
/// <param name="Summaries">One per model, from <c>CohortStatistics.Summarise</c> on the cluster.</param>
/// <param name="RegionLabels">Where region maps are drawn, or null to draw lollipop plots only.</param>
public sealed record CohortReportInput(
    string Cohort,
    DateTimeOffset Generated,
    string Software,
    ReportConfiguration Configuration,
    IReadOnlyList<ReportSubject> Subjects,
    IReadOnlyList<CohortSummary> Summaries,
    IReadOnlyList<RegionalAnalysis> RegionalAnalyses,
    IReadOnlyList<CohortMap> CohortMaps,
    RegionLabelImage? RegionLabels)
{
    /// <summary>The feature rows of the subjects that have one, in subject order.</summary>
    public IReadOnlyList<SubjectFeatureRow> Rows => [.. Subjects.Select(s => s.Row).OfType<SubjectFeatureRow>()];

    public IReadOnlyList<ReportSubject> FailedSubjects => [.. Subjects.Where(s => s.Failed)];
}
