using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// What <see cref="BrainAgePreprocessor"/> did to a subject's image, so a map in the model's grid (a relevance
/// map) goes back to the native grid: the native grid and orientation, the reoriented grid, the resampled grid when
/// the model's voxel size differs, and the pruning transform.
/// </summary>
public sealed record PreprocessRecord(
    int[] NativeShape,
    Affine NativeAffine,
    string NativeOrientation,
    int[] ReorientedShape,
    Affine ReorientedAffine,
    bool Resampled,
    PruneTransform Prune) : INativeGridMapping
{
    /// <summary>A box-shaped map back in the native grid (0 outside the kept block; trilinear when the grid was resampled).</summary>
    public Volume ToNative(Volume boxMap)
    {
        using var pruned = Pruning.Reverse(boxMap, Prune, fill: 0);
        using var reoriented = Resampled
            ? Resampler.Resample(pruned, ReorientedShape, ReorientedAffine)
            : pruned.Clone();
        var native = Orientation.Reorient(reoriented, NativeOrientation);
        native.Affine = NativeAffine;
        native.DataType = VoxelType.Float32;
        return native;
    }
}
