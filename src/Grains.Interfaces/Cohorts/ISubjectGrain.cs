using Orleans.Concurrency;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// One subject of one cohort (key <c>cohort/subject</c>, see <see cref="SubjectKey"/>): its inputs, covariates and a
/// record per stage. It runs its stages in order; a stage reruns only when its inputs or its configuration hash
/// changed, so submitting identical data again does nothing.
/// </summary>
public interface ISubjectGrain : IGrainWithStringKey
{
    /// <summary>Records the subject's inputs and covariates; returns false when they equal the recorded ones.</summary>
    Task<bool> Submit(SubjectSubmission submission);

    /// <summary>
    /// Starts (or keeps running) the stages that need to run under <paramref name="settings"/> and returns at once;
    /// progress is reported to the cohort. Calling it again while work is under way changes nothing.
    /// </summary>
    Task<SubjectSummary> Start(CohortSettings settings);

    [ReadOnly]
    Task<SubjectDetails> GetDetails();
}
