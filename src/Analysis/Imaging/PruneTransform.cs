namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// What <see cref="Pruning.Prune"/> did, so later stages can put a box-shaped map back into the original grid:
/// the block of <see cref="Extent"/> voxels starting at <see cref="SourceStart"/> in the original was copied to
/// <see cref="TargetStart"/> in a box of <see cref="BoxShape"/>; the rest of the box holds <see cref="Background"/>.
/// </summary>
public sealed record PruneTransform(
    int[] OriginalShape,
    Affine OriginalAffine,
    int[] BoxShape,
    int[] SourceStart,
    int[] TargetStart,
    int[] Extent,
    float Background)
{
    /// <summary>The box's affine: box voxel b is original voxel b − TargetStart + SourceStart.</summary>
    public Affine BoxAffine => OriginalAffine * Affine.Translation(
        SourceStart[0] - TargetStart[0], SourceStart[1] - TargetStart[1], SourceStart[2] - TargetStart[2]);
}
