using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

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
    /// <summary>
    /// A box-shaped map back in the native grid (0 outside the kept block): through the box's affine and the native
    /// one, as every model-grid map (<see cref="NativeGridMapping"/>): an exact copy when the box was only reoriented and
    /// pruned, trilinear when it was resampled.
    /// </summary>
    public Volume ToNative(Volume boxMap) => NativeGridMapping.ToNative(boxMap, NativeShape, NativeAffine, "model-grid map", "native grid");
}
