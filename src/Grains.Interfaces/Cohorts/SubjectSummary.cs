using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary>What a subject tells its cohort: each stage's status under a configuration version, and whether it is still working.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectSummary")]
public sealed record SubjectSummary(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] int ConfigurationVersion,
    [property: Id(2)] bool Busy,
    [property: Id(3)] ImmutableArray<StageSummary> Stages)
{
    /// <summary>No stage is waiting or running: the subject is finished for <see cref="ConfigurationVersion"/>.</summary>
    public bool Finished => !Busy && Stages.All(s => s.Status is StageStatus.Done or StageStatus.Failed);
}

/// <summary>One stage's status, with the reason when it failed.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageSummary")]
public sealed record StageSummary(
    [property: Id(0)] string Stage,
    [property: Id(1)] StageStatus Status,
    [property: Id(2)] string? Error);
