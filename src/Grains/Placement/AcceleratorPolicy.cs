using RelevanceRelated.Contracts;
namespace RelevanceRelated.Grains.Placement;

/// <summary>Where inference grains may run, relative to silos that declare <c>hardware.accelerator=gpu</c>.</summary>
public enum AcceleratorPolicy
{
    /// <summary>On a GPU silo when the cluster has one, otherwise on any silo.</summary>
    Prefer,

    /// <summary>Only on GPU silos; activation fails with <see cref="NoAcceleratorSiloException"/> when there are none.</summary>
    Require,
}
