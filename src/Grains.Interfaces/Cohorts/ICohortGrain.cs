using System.Collections.Immutable;
using Orleans.Concurrency;

namespace RelevanceRelated.Contracts;

/// <summary>
/// A cohort (key: its name): settings, configuration version and counters. Its members and their feature rows live in
/// partition grains (a hash of the subject id chooses one), so a finished subject costs a write of its partition's
/// rows, never of the whole cohort. It drives its subjects with bounded concurrency and, while work is unfinished,
/// holds a reminder that re-drives pending or interrupted subjects, so a silo crash only delays work. Statistics are
/// computed here, on the cluster, from the partitions' rows.
/// </summary>
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates members and starts the work (one call for a small submission); identical resubmissions change nothing.</summary>
    /// <exception cref="CohortSubmissionException">Duplicate or malformed subject ids (every one named).</exception>
    Task<SubmitResult> Submit(ImmutableArray<SubjectSubmission> subjects);

    /// <summary>
    /// Opens a submission sent in batches: nothing is added until <see cref="CommitSubmission"/>, so a client that dies
    /// mid-way leaves the cohort as it was. <paramref name="expectedSubjects"/> sizes the partitions of a new cohort.
    /// </summary>
    Task<Guid> BeginSubmission(int expectedSubjects);

    /// <exception cref="CohortSubmissionException">The submission is unknown (never begun, or lost when its silo stopped: submit again).</exception>
    Task AddToSubmission(Guid submission, ImmutableArray<SubjectSubmission> subjects);

    /// <summary>Checks the whole submission, writes every partition it touches once, and starts the work.</summary>
    /// <exception cref="CohortSubmissionException">Duplicate or malformed ids, or an unknown submission.</exception>
    Task<SubmitResult> CommitSubmission(Guid submission);

    /// <summary>Sets analysis parameters (a new configuration version) and reruns the stages that read them.</summary>
    Task<CohortSettings> Reconfigure(ImmutableSortedDictionary<string, string> parameters);

    /// <summary>Runs failed stages again (of every member, or of one): <paramref name="stage"/> limits it to one stage and those after it.</summary>
    Task<RetryResult> Retry(string? stage, string? subjectId);

    // The queries below interleave with the cohort's driving: they read only settings and the partition count, and a
    // status call must not wait behind a cohort busy granting slots.

    [ReadOnly, AlwaysInterleave]
    Task<CohortSettings> GetSettings();

    /// <summary>Per stage how many subjects are pending, running, done or failed; a cohort without members reports 0 subjects.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<CohortProgress> GetProgress();

    /// <summary>The statistics summary of every brain-age model, computed on the cluster from the members' feature rows.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<CohortStatisticsReport> GetStatistics();

    /// <summary>The members in pages (one per partition), each member with its status, feature row and map references.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<int> GetPageCount();

    [ReadOnly, AlwaysInterleave]
    Task<CohortPage> GetPage(int page);

    [ReadOnly, AlwaysInterleave]
    Task<bool> IsMember(string subjectId);
}
