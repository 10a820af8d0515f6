namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// <c>[cluster] placement</c>: where inference grains may run, relative to silos that declare
/// <c>hardware.accelerator=gpu</c>.
/// </summary>
public enum AcceleratorPolicy
{
    /// <summary>On a GPU silo when the cluster has one, otherwise on any silo.</summary>
    Prefer,

    /// <summary>Only on GPU silos; activation fails when there are none.</summary>
    Require,
}
