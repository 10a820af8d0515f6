namespace RelevanceRelated.Grains.Cohorts;

/// <summary>The cohort grain's silo-side face: its partitions tell it when they can give slots back.</summary>
public interface ICohortCoordinator : IGrainWithStringKey
{
    /// <summary>A partition's members finished and it has no more waiting members to fill the slots with.</summary>
    [Orleans.Concurrency.OneWay]
    Task PartitionChanged(int generation, int index, PartitionStatus status);
}
