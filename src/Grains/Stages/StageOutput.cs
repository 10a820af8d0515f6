using System.Collections.Immutable;

namespace RelevanceRelated.Grains.Stages;

/// <summary>What a stage produced: artifact references by role (e.g. <c>t1</c>, <c>pvs_mask</c>) and small results.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageOutput")]
public sealed record StageOutput(
    [property: Id(0)] ImmutableSortedDictionary<string, ArtifactReference> Artifacts,
    [property: Id(1)] ImmutableSortedDictionary<string, double> Values,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Facts);
