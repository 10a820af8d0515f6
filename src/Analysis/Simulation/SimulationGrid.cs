namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The voxel grid of a simulated subject: FreeSurfer-like LIA orientation (voxel axis i runs to the left, j
/// downwards, k forwards), isotropic voxels, a field of view that holds the whole head
/// (176 × 200 × 208 mm). The centre voxel sits at the subject's scanner position <c>c_ras</c>, as in a conformed
/// FreeSurfer volume, so every subject gets a slightly different, realistic affine.
/// </summary>
public sealed class SimulationGrid
{
    /// <summary>Field of view in mm along the voxel axes (left–right, superior–inferior, anterior–posterior).</summary>
    public static readonly (double X, double Y, double Z) FieldOfView = (176, 200, 208);

    public SimulationGrid(double voxelSize)
    {
        if (!(voxelSize is >= 0.5 and <= 4))
            throw new InvalidInputException($"--voxel-size: expected 0.5 to 4 mm, got {voxelSize}");
        VoxelSize = voxelSize;
        Nx = (int)Math.Round(FieldOfView.X / voxelSize);
        Ny = (int)Math.Round(FieldOfView.Y / voxelSize);
        Nz = (int)Math.Round(FieldOfView.Z / voxelSize);
    }

    /// <summary>The standard 1 mm grid (176 × 200 × 208).</summary>
    public static SimulationGrid OneMillimetre { get; } = new(1);

    /// <summary>A 2 mm grid (88 × 100 × 104) for quick training cohorts.</summary>
    public static SimulationGrid TwoMillimetre { get; } = new(2);

    public double VoxelSize { get; }
    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public int VoxelCount => Nx * Ny * Nz;
    public double VoxelVolume => VoxelSize * VoxelSize * VoxelSize;

    /// <summary>Flat index, x fastest (NIfTI order).</summary>
    public int Index(int i, int j, int k) => i + Nx * (j + Ny * k);

    /// <summary>
    /// Row-major 4×4 voxel-to-RAS affine for a scanner position <paramref name="centre"/> (world mm of the centre
    /// voxel): LIA, i.e. x = −v·(i − ci) + cx, y = v·(k − ck) + cy, z = −v·(j − cj) + cz.
    /// </summary>
    public double[] Affine((double X, double Y, double Z) centre)
    {
        var v = VoxelSize;
        var (ci, cj, ck) = CentreVoxel;
        return
        [
            -v, 0, 0, centre.X + v * ci,
            0, 0, v, centre.Y - v * ck,
            0, -v, 0, centre.Z + v * cj,
            0, 0, 0, 1,
        ];
    }

    /// <summary>The voxel coordinates of the grid centre (FreeSurfer puts c_ras at N/2).</summary>
    public (double I, double J, double K) CentreVoxel => (Nx / 2.0, Ny / 2.0, Nz / 2.0);

    /// <summary>World offsets (mm, relative to c_ras) of each voxel index along the three voxel axes.</summary>
    internal (double[] XofI, double[] ZofJ, double[] YofK) AxisOffsets()
    {
        var (ci, cj, ck) = CentreVoxel;
        var x = new double[Nx];
        var z = new double[Ny];
        var y = new double[Nz];
        for (var i = 0; i < Nx; i++) x[i] = -VoxelSize * (i - ci);
        for (var j = 0; j < Ny; j++) z[j] = -VoxelSize * (j - cj);
        for (var k = 0; k < Nz; k++) y[k] = VoxelSize * (k - ck);
        return (x, z, y);
    }

    /// <summary>The voxel nearest to a point given relative to c_ras (mm), or false when it lies outside.</summary>
    internal bool TryVoxel(double x, double y, double z, out int i, out int j, out int k)
    {
        var (ci, cj, ck) = CentreVoxel;
        i = (int)Math.Round(ci - x / VoxelSize);
        j = (int)Math.Round(cj - z / VoxelSize);
        k = (int)Math.Round(ck + y / VoxelSize);
        return i >= 0 && i < Nx && j >= 0 && j < Ny && k >= 0 && k < Nz;
    }
}
