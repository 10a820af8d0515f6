using RelevanceRelated.Contracts;
namespace RelevanceRelated.Grains.Placement;

/// <summary>The silo-metadata entry a silo publishes about its accelerator, and its values.</summary>
public static class AcceleratorMetadata
{
    /// <summary>Silo metadata key; set it with <c>Orleans__Metadata__hardware.accelerator</c> to override detection.</summary>
    public const string Key = "hardware.accelerator";

    public const string Gpu = "gpu";
    public const string Cpu = "cpu";
}
