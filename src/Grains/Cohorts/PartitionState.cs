using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A cohort partition's persisted state: its members, each with its submission and, once finished, the summary and
/// feature row it finished with. Statuses of members in flight are kept in memory only: after a restart the cohort's
/// reminder asks those subjects again.
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.PartitionState")]
public sealed class PartitionState
{
    public const int CurrentVersion = 1;

    [Id(0)]
    public int Version { get; set; } = CurrentVersion;

    [Id(1)]
    public Dictionary<string, PartitionMember> Members { get; set; } = new(StringComparer.Ordinal);
}

/// <param name="Finished">The summary the subject finished with (its configuration version says under which settings), or null.</param>
/// <param name="Row">The feature row it finished with, when its pipeline has a features stage that succeeded.</param>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.PartitionMember")]
public sealed record PartitionMember(
    [property: Id(0)] SubjectSubmission Submission,
    [property: Id(1)] SubjectSummary? Finished,
    [property: Id(2)] SubjectFeatureRow? Row,
    [property: Id(3)] ImmutableSortedDictionary<string, ArtifactReference> Artifacts)
{
    public static PartitionMember New(SubjectSubmission submission) =>
        new(submission, null, null, ImmutableSortedDictionary<string, ArtifactReference>.Empty);
}
