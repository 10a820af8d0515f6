namespace RelevanceRelated.Contracts;

/// <summary>One row of a cohort submission: a subject's id, input paths and covariates.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectSubmission")]
public sealed record SubjectSubmission(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] SubjectInputs Inputs,
    [property: Id(2)] Covariates Covariates);
