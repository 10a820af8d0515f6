using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary><c>relevance</c>: the LRP composite used and, per sub-ensemble, the native-grid map and its sums.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.RelevanceResult")]
public sealed record RelevanceResult(
    [property: Id(0)] string Analyzer,
    [property: Id(1)] ImmutableArray<ModelRelevance> Models) : StageResult
{
    /// <summary>A relevance map's role is the model's name and this suffix, e.g. <c>demo_t1.relevance</c>.</summary>
    public const string MapRoleSuffix = ".relevance";

    public ModelRelevance? Model(string name) => Models.FirstOrDefault(m => m.Model == name);

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() => Models.Select(m => (m.Model + MapRoleSuffix, m.Map));
}

/// <summary>One sub-ensemble's relevance: each base model's relevance sum (model grid), the mean map in the native grid, and that map's sum.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.ModelRelevance")]
public sealed record ModelRelevance(
    [property: Id(0)] string Model,
    [property: Id(1)] ImmutableArray<double> BaseModelSums,
    [property: Id(2)] double MapSum,
    [property: Id(3)] ArtifactReference Map);
