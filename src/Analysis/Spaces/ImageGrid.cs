using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// A sampling grid: the spatial shape, the voxel-to-world affine (RAS mm, as <see cref="Volume.Affine"/>) and the
/// voxel sizes the file stated (NIfTI pixdim; FSL's matrices are defined on them, not on the affine's column norms).
/// </summary>
public sealed record ImageGrid
{
    public ImageGrid(int nx, int ny, int nz, Affine affine, (double X, double Y, double Z)? zooms = null)
    {
        if (nx < 1 || ny < 1 || nz < 1)
            throw new InvalidInputException($"a grid needs three positive sizes, got [{nx}, {ny}, {nz}]");
        if (!affine.IsInvertible)
            throw new InvalidInputException($"a grid's affine must be invertible, got {affine}");
        Nx = nx;
        Ny = ny;
        Nz = nz;
        Affine = affine;
        Zooms = zooms ?? affine.ColumnNorms;
    }

    /// <summary>The grid of a volume (its first three dimensions).</summary>
    public static ImageGrid Of(Volume volume) =>
        new(volume.Nx, volume.Ny, volume.Nz, volume.Affine, (volume.Zooms[0], volume.Zooms[1], volume.Zooms[2]));

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public Affine Affine { get; }
    public (double X, double Y, double Z) Zooms { get; }

    public (int X, int Y, int Z) Shape => (Nx, Ny, Nz);

    public int VoxelCount => checked(Nx * Ny * Nz);

    public override string ToString() => $"{Nx}×{Ny}×{Nz} {Affine}";
}
