namespace RelevanceRelated.Contracts;

/// <summary>
/// What a submission changed: new subjects, subjects whose inputs or covariates changed, identical resubmissions, and,
/// among those, failed subjects run again because their input files changed on disk (or their ingest had failed).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int Changed,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] int Retried = 0);
