using RelevanceRelated.Contracts;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Grains.Placement;

/// <summary>
/// Narrows the candidate silos of an <see cref="AcceleratorPlacementAttribute"/> grain to those publishing
/// <c>hardware.accelerator=gpu</c>. Under <see cref="AcceleratorPolicy.Prefer"/> an empty result falls back to
/// every candidate; under <see cref="AcceleratorPolicy.Require"/> it is an error.
/// </summary>
public sealed class AcceleratorPlacementFilterDirector(
    ISiloMetadataCache siloMetadata, IOptions<AcceleratorPlacementOptions> options) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? silos.ToList();
        var accelerated = candidates.Where(IsAccelerated).ToList();
        if (accelerated.Count > 0) return accelerated;
        if (options.Value.Policy == AcceleratorPolicy.Require)
            throw NoAcceleratorSiloException.For(target.GrainIdentity.Type.ToString(), candidates.Count, candidates.Count(IsUnknown));
        return candidates;
    }

    private bool IsAccelerated(SiloAddress silo) =>
        siloMetadata.GetSiloMetadata(silo).Metadata.TryGetValue(AcceleratorMetadata.Key, out var value)
        && string.Equals(value, AcceleratorMetadata.Gpu, StringComparison.OrdinalIgnoreCase);

    // A silo that joined moments ago may not have shared its metadata with this one yet.
    private bool IsUnknown(SiloAddress silo) => !siloMetadata.GetSiloMetadata(silo).Metadata.ContainsKey(AcceleratorMetadata.Key);
}
