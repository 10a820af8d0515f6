using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Contracts;

/// <summary>One page of a cohort's members (a partition's), in subject id order.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortPage")]
public sealed record CohortPage(
    [property: Id(0)] int Page,
    [property: Id(1)] int Pages,
    [property: Id(2)] ImmutableArray<CohortMember> Members);

/// <summary>
/// A member as the cohort knows it: its submission, its stages' statuses under the current configuration, its
/// feature row once the features stage is done, and references to the maps an export shows (T1, PVS mask, relevance maps) and its parts of the analyses' tables.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortMember")]
public sealed record CohortMember(
    [property: Id(0)] SubjectSubmission Submission,
    [property: Id(1)] ImmutableArray<StageSummary> Stages,
    [property: Id(2)] SubjectFeatureRow? Row,
    [property: Id(3)] ImmutableSortedDictionary<string, ArtifactReference> Artifacts)
{
    /// <summary>
    /// Whether a cohort keeps a reference to the artifact in this role: the maps an export copies and draws, not the
    /// stages' working files (model-grid inputs, preprocessing records), which only the subject's own record needs.
    /// </summary>
    public static bool Keeps(string role) =>
        role is IngestResult.T1 or PvsResult.MaskRole || role.EndsWith(RelevanceResult.MapRoleSuffix, StringComparison.Ordinal)
        || role.StartsWith(AnalysesResult.RolePrefix, StringComparison.Ordinal);
}
