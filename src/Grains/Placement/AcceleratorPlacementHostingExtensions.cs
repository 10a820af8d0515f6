using RelevanceRelated.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Grains.Placement;

public static class AcceleratorPlacementHostingExtensions
{
    /// <summary>
    /// Publishes this silo's metadata (which must include <see cref="AcceleratorMetadata.Key"/>) and enables the
    /// accelerator placement filter under <paramref name="policy"/>.
    /// </summary>
    public static ISiloBuilder AddAcceleratorPlacement(
        this ISiloBuilder silo, IReadOnlyDictionary<string, string> siloMetadata, AcceleratorPolicy policy)
    {
        silo.UseSiloMetadata(new Dictionary<string, string>(siloMetadata));
        silo.Services.Configure<AcceleratorPlacementOptions>(o => o.Policy = policy);
        silo.Services.AddPlacementFilter<AcceleratorPlacementFilterStrategy, AcceleratorPlacementFilterDirector>(ServiceLifetime.Transient);
        return silo;
    }
}
