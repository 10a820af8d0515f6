using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>What a stage sees: the subject, its submission, the cohort's settings and the records of the stages it depends on.</summary>
public sealed record StageContext(
    string Cohort,
    SubjectSubmission Submission,
    CohortSettings Settings,
    IReadOnlyDictionary<string, StageRecord> Dependencies)
{
    /// <summary>The record of a stage this one depends on (always Done when the stage runs).</summary>
    public StageRecord Dependency(string stage) => Dependencies.TryGetValue(stage, out var record)
        ? record
        : throw new InvalidOperationException($"Stage '{stage}' is not among the dependencies given to this stage.");
}
