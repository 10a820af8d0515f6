namespace RelevanceRelated.Contracts;

/// <summary>What a submission changed: new subjects, subjects whose inputs or covariates changed, and identical resubmissions.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int Changed,
    [property: Id(2)] int Unchanged);
