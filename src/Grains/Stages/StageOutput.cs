using System.Collections.Immutable;

namespace RelevanceRelated.Grains.Stages;

/// <summary>What a stage produced: artifact references by role (e.g. <c>t1</c>, <c>pvs_mask</c>) and small results.</summary>
public sealed record StageOutput(
    ImmutableSortedDictionary<string, ArtifactReference> Artifacts,
    ImmutableSortedDictionary<string, double> Values,
    ImmutableSortedDictionary<string, string> Facts);
