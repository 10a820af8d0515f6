using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Contracts;

/// <summary>
/// <c>features</c>: per sub-ensemble what its relevance map relates to (predictions, relevance in the PVS and lesion
/// masks, summed relevance per region) with the full regional table stored as an artifact, and the subject's lesion load.
/// These are the subject's row of the cohort (with the covariates and the PVS census).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.FeaturesResult")]
public sealed record FeaturesResult(
    [property: Id(0)] ImmutableArray<ModelFeatures> Models,
    [property: Id(1)] LesionLoad? Lesions,
    [property: Id(2)] ImmutableSortedDictionary<string, ArtifactReference> RegionTables) : StageResult
{
    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() => RegionTables.Select(t => ($"{t.Key}.regions", t.Value));
}
