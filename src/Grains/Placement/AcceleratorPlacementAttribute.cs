using RelevanceRelated.Contracts;
using Orleans.Placement;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Grains.Placement;

/// <summary>
/// Marks a grain class that should run where an accelerator is: its activations are placed on silos whose
/// metadata says <c>hardware.accelerator=gpu</c>, required or preferred according to the cluster's
/// <see cref="AcceleratorPolicy"/>. Orleans' own RequiredMatchSiloMetadata filter compares with the calling
/// silo's value, which cannot express "on a GPU silo wherever the call comes from"; this filter compares with
/// a fixed value.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AcceleratorPlacementAttribute(int order = 0)
    : PlacementFilterAttribute(new AcceleratorPlacementFilterStrategy(order));
