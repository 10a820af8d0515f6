using RelevanceRelated.Contracts;
using Orleans.Placement;

namespace RelevanceRelated.Grains.Placement;

/// <summary>
/// The placement-filter strategy behind <see cref="AcceleratorPlacementAttribute"/>. It carries no data of its
/// own: the policy is the cluster's (<see cref="AcceleratorPlacementOptions"/>), applied by
/// <see cref="AcceleratorPlacementFilterDirector"/>.
/// </summary>
public sealed class AcceleratorPlacementFilterStrategy : PlacementFilterStrategy
{
    // Orleans creates the strategy by its parameterless constructor and restores the order from grain properties.
    public AcceleratorPlacementFilterStrategy() : this(0) { }

    public AcceleratorPlacementFilterStrategy(int order) : base(order) { }
}
