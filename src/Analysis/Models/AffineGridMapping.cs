using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// For a model-grid input prepared outside (its recipe run elsewhere): a model-grid map goes to the native grid
/// (<see cref="NativeShape"/>, <see cref="NativeAffine"/>) through the map's own affine and the native affine
/// (<see cref="NativeGridMapping"/>: an exact copy when the grids are aligned, trilinear otherwise).
/// </summary>
public sealed record AffineGridMapping(int[] NativeShape, Affine NativeAffine) : INativeGridMapping
{
    /// <summary>The native grid of <paramref name="native"/> (its first three axes).</summary>
    public static AffineGridMapping Of(Volume native) => new([native.Nx, native.Ny, native.Nz], native.Affine);

    public Volume ToNative(Volume modelGridMap) => NativeGridMapping.ToNative(modelGridMap, NativeShape, NativeAffine, "model-grid input", "native grid");
}
