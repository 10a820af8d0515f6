using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using Orleans.Concurrency;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// One partition of a cohort (key <c>cohort/generation/index</c>, see <see cref="CohortPartitioning"/>): its members'
/// submissions, their latest status and, once finished, their feature rows. It starts its waiting members within the
/// slots its cohort grants, refills a slot as soon as a member finishes, and answers progress, rows and pages for its
/// own members only, so no call or write ever carries the whole cohort. Silo-internal.
/// </summary>
public interface ICohortPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or updates members (written before it returns); a failed member submitted again unchanged runs again when
    /// its input files changed on disk.
    /// </summary>
    Task<PartitionSubmitResult> Add(ImmutableArray<SubjectSubmission> subjects);

    /// <summary>
    /// Runs members under <paramref name="settings"/> with at most <paramref name="slots"/> in flight. With
    /// <paramref name="redrive"/>, members already in flight are started again (idempotent: a subject whose silo died resumes).
    /// </summary>
    Task<PartitionStatus> Drive(CohortSettings settings, int slots, bool redrive);

    /// <summary>A subject's report of its stage statuses and, when finished, its feature row (called by subject grains).</summary>
    [OneWay]
    Task Report(SubjectReport report);

    [ReadOnly]
    Task<PartitionProgress> GetProgress(int configurationVersion);

    /// <summary>The feature rows of members finished under <paramref name="configurationVersion"/>.</summary>
    [ReadOnly]
    Task<ImmutableArray<SubjectFeatureRow>> GetRows(int configurationVersion);

    [ReadOnly]
    Task<ImmutableArray<CohortMember>> GetMembers(int configurationVersion);

    [ReadOnly]
    Task<bool> Contains(string subjectId);

    /// <summary>Resets failed stages of its failed members (or of one) and returns how many subjects will run again.</summary>
    Task<int> Retry(string? stage, string? subjectId);

    /// <summary>Hands over every member (when the cohort moves into a new generation of partitions) and forgets them.</summary>
    Task<ImmutableArray<PartitionMember>> Drain();

    /// <summary>Takes over members drained from the previous generation.</summary>
    Task Load(ImmutableArray<PartitionMember> members);
}

/// <summary>What a subject tells its partition: its stage statuses and, when it finished with a features result, its row and artifacts.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectReport")]
public sealed record SubjectReport(
    [property: Id(0)] SubjectSummary Summary,
    [property: Id(1)] SubjectFeatureRow? Row,
    [property: Id(2)] ImmutableSortedDictionary<string, ArtifactReference> Artifacts);

[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.PartitionSubmitResult")]
public sealed record PartitionSubmitResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int Changed,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] int Retried);

/// <summary>A partition's share of the work: members in flight, members waiting for a slot, members not yet finished.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.PartitionStatus")]
public sealed record PartitionStatus(
    [property: Id(0)] int InFlight,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int Unfinished,
    [property: Id(3)] int Members);

/// <summary>A partition's stage counts (pending, running, done, failed per stage, in pipeline order) and its failures.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.PartitionProgress")]
public sealed record PartitionProgress(
    [property: Id(0)] int Members,
    [property: Id(1)] int Unfinished,
    [property: Id(2)] ImmutableArray<StageProgress> Stages,
    [property: Id(3)] int FailedSubjects,
    [property: Id(4)] ImmutableArray<SubjectFailure> Failures);
