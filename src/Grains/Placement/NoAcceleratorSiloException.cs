using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Placement;

/// <summary>
/// A grain that requires an accelerator could not be placed: no silo in the cluster declares
/// <c>hardware.accelerator=gpu</c> while the placement policy is <see cref="AcceleratorPolicy.Require"/>.
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.NoAcceleratorSiloException")]
public sealed class NoAcceleratorSiloException : OrleansException
{
    public NoAcceleratorSiloException(string message) : base(message) { }

    public static NoAcceleratorSiloException For(string grainType, int siloCount, int silosWithoutMetadata) => new(
        $"Cannot place grain type '{grainType}': the placement policy is 'require' but none of the {siloCount} " +
        $"compatible silo(s) declares {AcceleratorMetadata.Key}={AcceleratorMetadata.Gpu}" +
        (silosWithoutMetadata > 0 ? $" ({silosWithoutMetadata} of them joined too recently to have shared their metadata; retry shortly)" : "") +
        $". Start a silo on a GPU machine (or set Orleans__Metadata__{AcceleratorMetadata.Key}={AcceleratorMetadata.Gpu} " +
        "on one), or set the cluster placement policy to 'prefer' to allow CPU silos.");
}
