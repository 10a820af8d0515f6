namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Which voxels a percentile is taken over.</summary>
public enum PercentileScope
{
    /// <summary>Every voxel.</summary>
    All,

    /// <summary>Only voxels that are not zero (brain voxels of a skull-stripped image).</summary>
    NonZero,
}
