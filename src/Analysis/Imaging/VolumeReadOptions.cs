namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Limits for reading untrusted files.</summary>
public sealed record VolumeReadOptions
{
    /// <summary>2^29 voxels: 2 GiB of float32, far above a 256³×8 image.</summary>
    public const long DefaultMaxVoxels = 1L << 29;

    public static VolumeReadOptions Default { get; } = new();

    /// <summary>A header asking for more voxels than this is refused before anything is allocated.</summary>
    public long MaxVoxels { get; init; } = DefaultMaxVoxels;
}
