namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// When two images share one voxel grid, and how to put an image on another's grid. Affines stored as float32 (NIfTI
/// sform) differ by rounding only, so grids agree when the shapes are equal and every affine entry agrees to
/// <see cref="Tolerance"/> mm. Every comparison of grids in the project goes through here.
/// </summary>
public static class VoxelGrid
{
    /// <summary>Largest difference between two affines' entries (mm) for images to count as one grid.</summary>
    public const double Tolerance = 1e-3;

    public static bool Same(Volume a, Volume b) => a.Shape3 == b.Shape3 && a.Affine.MaxAbsDifference(b.Affine) <= Tolerance;

    /// <exception cref="InvalidInputException">The grids differ; the message names both images and how to fix it.</exception>
    public static void RequireSame(Volume reference, string referenceName, Volume other, string otherName, string advice)
    {
        if (reference.Shape3 != other.Shape3)
            throw new InvalidInputException(
                $"{otherName} has shape {Describe(other.Shape3)} but {referenceName} has {Describe(reference.Shape3)}; expected the same grid ({advice}).");
        var difference = reference.Affine.MaxAbsDifference(other.Affine);
        if (difference > Tolerance)
            throw new InvalidInputException(
                $"{otherName} has affine {other.Affine} but {referenceName} has {reference.Affine} (entries differ by up to {difference:G3} mm); expected the same grid ({advice}).");
    }

    /// <summary>
    /// <paramref name="image"/> itself when it is on <paramref name="grid"/>'s grid, otherwise resampled onto it through
    /// the two affines (nearest-neighbour for labels and masks). The caller disposes the result; when it is a new
    /// volume, <paramref name="image"/> is disposed here.
    /// </summary>
    public static Volume OnGridOf(Volume image, Volume grid, Interpolation interpolation)
    {
        if (Same(image, grid)) return image;
        using (image) return Resampler.ResampleLike(image, grid, interpolation);
    }

    private static string Describe((int X, int Y, int Z) shape) => $"{shape.X}x{shape.Y}x{shape.Z}";
}
