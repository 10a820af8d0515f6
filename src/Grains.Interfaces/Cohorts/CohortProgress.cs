using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary>
/// A cohort at a glance: per stage how many subjects are pending, running, done or failed, how many subjects failed,
/// and why (the first <see cref="MaxFailuresListed"/> in subject id order of each partition).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortProgress")]
public sealed record CohortProgress(
    [property: Id(0)] string Cohort,
    [property: Id(1)] int ConfigurationVersion,
    [property: Id(2)] int Subjects,
    [property: Id(3)] ImmutableArray<StageProgress> Stages,
    [property: Id(4)] ImmutableArray<SubjectFailure> Failures,
    [property: Id(5)] bool Complete,
    [property: Id(6)] int FailedSubjects)
{
    /// <summary>Failures listed per partition; <see cref="FailedSubjects"/> counts them all.</summary>
    public const int MaxFailuresListed = 100;
}

[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageProgress")]
public sealed record StageProgress(
    [property: Id(0)] string Stage,
    [property: Id(1)] int Pending,
    [property: Id(2)] int Running,
    [property: Id(3)] int Done,
    [property: Id(4)] int Failed);

/// <summary>A subject's first failed stage and its reason.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectFailure")]
public sealed record SubjectFailure(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] string Stage,
    [property: Id(2)] string Reason);
