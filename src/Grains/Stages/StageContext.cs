using System.Collections.Immutable;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// What a stage sees: the subject, its submission, the cohort's settings and the records of the stages it depends on.
/// Serialisable: the subject grain sends it to an inference grain on another silo (references only, no volumes).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageContext")]
public sealed record StageContext(
    [property: Id(0)] string Cohort,
    [property: Id(1)] SubjectSubmission Submission,
    [property: Id(2)] CohortSettings Settings,
    [property: Id(3)] ImmutableSortedDictionary<string, StageRecord> Dependencies)
{
    /// <summary>The record of a stage this one depends on (always Done when the stage runs).</summary>
    public StageRecord Dependency(string stage) => Dependencies.TryGetValue(stage, out var record)
        ? record
        : throw new InvalidOperationException($"Stage '{stage}' is not among the dependencies given to this stage.");

    /// <summary>The typed result of a stage this one depends on.</summary>
    public T Result<T>(string stage) where T : StageResult => Dependency(stage).ResultAs<T>();
}
