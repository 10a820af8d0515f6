using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Placement;

/// <summary>The cluster-wide placement policy for grains marked <see cref="AcceleratorPlacementAttribute"/>.</summary>
public sealed class AcceleratorPlacementOptions
{
    public AcceleratorPolicy Policy { get; set; } = AcceleratorPolicy.Prefer;
}
