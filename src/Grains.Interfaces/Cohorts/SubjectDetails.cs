using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary>Everything a subject grain holds: its submission, the configuration it runs under, every stage's record.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectDetails")]
public sealed record SubjectDetails(
    [property: Id(0)] string Cohort,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] SubjectSubmission? Submission,
    [property: Id(3)] CohortSettings Settings,
    [property: Id(4)] ImmutableArray<StageRecord> Stages);
