namespace RelevanceRelated.Contracts;

/// <summary>What a retry did: the failed subjects whose stages were reset to run again.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.RetryResult")]
public sealed record RetryResult([property: Id(0)] int Subjects);
