using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// The silo-side face of a subject grain (key <c>cohort/subject</c>): its partition starts it and asks it to retry.
/// Clients never call it; they read <see cref="ISubjectGrain.GetDetails"/>.
/// </summary>
public interface ISubjectWorker : IGrainWithStringKey
{
    /// <summary>
    /// Records the subject's submission, the cohort's settings and the partition it reports to (written only when one
    /// changed), starts the stages that need to run and returns at once; progress is reported to the partition.
    /// Calling it again while work is under way changes nothing. A subject already finished answers with its row.
    /// </summary>
    Task<SubjectReport> Start(SubjectAssignment assignment);

    /// <summary>Resets failed stages (all, or <paramref name="stage"/> and those after it) so that the next start runs them again.</summary>
    Task<SubjectSummary> Retry(string? stage);

    /// <summary>
    /// For a failed subject submitted again unchanged: runs it again from the start when a submitted file's content
    /// differs from what its ingest read (or its ingest itself failed). Returns whether it will run again.
    /// </summary>
    Task<bool> RetryIfInputsChanged();
}

/// <summary>What a partition hands a subject: its submission, the cohort's settings, and where to report.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectAssignment")]
public sealed record SubjectAssignment(
    [property: Id(0)] SubjectSubmission Submission,
    [property: Id(1)] CohortSettings Settings,
    [property: Id(2)] string Partition);
