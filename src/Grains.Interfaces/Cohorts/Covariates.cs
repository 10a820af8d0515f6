namespace RelevanceRelated.Contracts;

/// <summary>A subject's covariates from the participants file.</summary>
/// <param name="Age">Chronological age in years, when known (the brain-age gap needs it).</param>
/// <param name="Sex">As written in the participants file (e.g. <c>F</c>, <c>M</c>), when known.</param>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.Covariates")]
public sealed record Covariates(
    [property: Id(0)] double? Age = null,
    [property: Id(1)] string? Sex = null);
