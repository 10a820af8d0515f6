using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>
/// Puts a relevance map from the model's grid (a box cut, reoriented and possibly resampled from a subject's image)
/// back into the subject's native grid using only the two images' affines: native voxel v takes the box's value at
/// inverse(box affine) · native affine · v. When that map is a signed axis permutation with an integer shift (the box
/// was only reoriented and pruned, as when voxel sizes agree), every box voxel that lies inside the native grid is
/// copied exactly once, so the relevance sum is preserved; box voxels outside the native grid (cut when pruning) are
/// dropped. Otherwise (the box was resampled) values are interpolated trilinearly. Native voxels outside the box are 0.
/// </summary>
public static class NativeGridMapping
{
    /// <summary>Affines stored as float32 (NIfTI sform) put grid-aligned voxel maps this close to integers.</summary>
    private const double GridTolerance = 1e-3;

    /// <summary>The map on <paramref name="native"/>'s grid (its shape and affine, and its header codes), float32.</summary>
    public static Volume ToNative(Volume boxMap, Volume native, string boxSource = "input", string nativeSource = "--native") =>
        ToNative(boxMap, [native.Nx, native.Ny, native.Nz], native.Affine, boxSource, nativeSource,
            new VolumeMetadata { QformCode = native.Metadata.QformCode, SformCode = native.Metadata.SformCode, XyztUnits = native.Metadata.XyztUnits });

    /// <summary>The map on the grid of shape <paramref name="nativeShape"/> and affine <paramref name="nativeAffine"/>, float32.</summary>
    public static Volume ToNative(Volume boxMap, int[] nativeShape, Affine nativeAffine, string boxSource = "input", string nativeSource = "native grid",
        VolumeMetadata? metadata = null)
    {
        if (nativeShape.Length != 3 || nativeShape.Any(n => n < 1))
            throw new InvalidInputException($"{nativeSource}: shape [{string.Join(", ", nativeShape)}] must be three positive sizes");
        if (!boxMap.Affine.IsInvertible)
            throw new InvalidInputException($"{boxSource}: the affine is not invertible, so its position in the native grid is unknown: {boxMap.Affine}");
        if (!nativeAffine.IsInvertible)
            throw new InvalidInputException($"{nativeSource}: the affine is not invertible: {nativeAffine}");
        var voxelMap = boxMap.Affine.Inverse(boxSource) * nativeAffine;
        var aligned = GridAligned(voxelMap);
        var result = new Volume(nativeShape, nativeAffine, VoxelType.Float32, default,
            metadata ?? new VolumeMetadata { QformCode = 1, SformCode = 1 }, clear: false);
        Resampler.Transform(boxMap.Memory[..boxMap.SpatialCount], boxMap.Shape3, result.Memory, result.Shape3,
            aligned ?? voxelMap, aligned is null ? Interpolation.Linear : Interpolation.Nearest, fill: 0);
        return result;
    }

    /// <summary>Whether the native grid is the box's grid reoriented and shifted by whole voxels.</summary>
    public static bool IsGridAligned(Volume boxMap, Volume native) =>
        boxMap.Affine.IsInvertible && native.Affine.IsInvertible && GridAligned(boxMap.Affine.Inverse() * native.Affine) is not null;

    /// <summary>The voxel map rounded to a signed permutation with integer shift, or null when it is not one.</summary>
    private static Affine? GridAligned(Affine voxelMap)
    {
        var v = voxelMap.ToArray();
        for (var i = 0; i < 12; i++)
        {
            var r = Math.Round(v[i]);
            if (Math.Abs(v[i] - r) > GridTolerance) return null;
            v[i] = r;
        }
        for (var row = 0; row < 3; row++)
        {
            var nonZero = 0;
            for (var col = 0; col < 3; col++)
                if (v[row * 4 + col] != 0) nonZero += Math.Abs(v[row * 4 + col]) == 1 ? 1 : 2;
            if (nonZero != 1) return null;
        }
        return new Affine(v);
    }
}
