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

    public Volume ToNative(Volume modelGridMap)
    {
        ArgumentNullException.ThrowIfNull(modelGridMap);
        if (NativeShape.Length != 3 || NativeShape.Any(n => n < 1))
            throw new InvalidInputException($"native grid: shape [{string.Join(", ", NativeShape)}] must be three positive sizes");
        // The reference carries only the grid; its voxels are never read.
        using var reference = new Volume(NativeShape, NativeAffine, VoxelType.Float32, default, null, clear: false);
        return NativeGridMapping.ToNative(modelGridMap, reference, "model-grid input", "native grid");
    }
}
