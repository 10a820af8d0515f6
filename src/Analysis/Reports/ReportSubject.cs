namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// One subject as the report lists it: covariates, its feature row once the features stage is done, the first stage
/// that failed with its reason, and the files the export wrote for it.
/// </summary>
public sealed record ReportSubject(
    string Id,
    double? Age,
    string? Sex,
    SubjectFeatureRow? Row,
    string? FailedStage,
    string? Error,
    SubjectFiles Files)
{
    public bool Failed => FailedStage is not null;
}

/// <summary>
/// The export's files of one subject, as paths relative to the report: its maps by role (e.g. <c>pvs_mask</c>,
/// <c>demo_t1.relevance</c>), its heatmap per model, and whether the viewer has its volumes.
/// </summary>
public sealed record SubjectFiles(IReadOnlyDictionary<string, string> Maps, IReadOnlyDictionary<string, string> Heatmaps, bool InViewer)
{
    public static SubjectFiles None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), false);
}
