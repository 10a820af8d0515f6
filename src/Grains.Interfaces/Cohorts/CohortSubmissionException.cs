namespace RelevanceRelated.Contracts;

/// <summary>A cohort submission was refused (duplicate or malformed subject ids); the message names them.</summary>
[GenerateSerializer]
[Alias("RelevanceRelated.CohortSubmissionException")]
public sealed class CohortSubmissionException(string message) : Exception(message);
