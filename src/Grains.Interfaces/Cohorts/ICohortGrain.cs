using Orleans.Concurrency;
using System.Collections.Immutable;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A cohort (key: its name): its members, configuration version and progress. It drives its subjects with bounded
/// concurrency and, while work is unfinished, holds a reminder that re-drives pending or interrupted subjects,
/// so a silo crash only delays work.
/// </summary>
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates members and starts the work; identical resubmissions change nothing.</summary>
    /// <exception cref="RelevanceRelated.Grains.Cohorts.CohortSubmissionException">Duplicate or malformed subject ids.</exception>
    Task<SubmitResult> Submit(ImmutableArray<SubjectSubmission> subjects);

    /// <summary>Sets analysis parameters (a new configuration version) and reruns the stages that read them.</summary>
    Task<CohortSettings> Reconfigure(ImmutableSortedDictionary<string, string> parameters);

    [ReadOnly]
    Task<CohortSettings> GetSettings();

    [ReadOnly]
    Task<CohortProgress> GetProgress();

    [ReadOnly]
    Task<ImmutableArray<string>> GetMembers();

    /// <summary>A subject's report of its stage statuses (called by subject grains).</summary>
    [OneWay]
    Task Report(SubjectSummary summary);
}
