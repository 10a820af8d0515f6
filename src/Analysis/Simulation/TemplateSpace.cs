using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>
/// The simulated template space (<see cref="Name"/>): an MNI152-like box (x −90…90, y −126…90, z −72…108 mm, RAS, as
/// FSL's MNI152 2 mm grid) over the template millimetres every simulated anatomy is drawn in. A subject's T1 relates to
/// it by a known affine (its scanner position and its scale; <see cref="SubjectTransform"/>) up to the anatomy's small
/// smooth warp (about 2 mm), as an affine registration to MNI would leave it.
/// </summary>
public sealed class TemplateSpace
{
    /// <summary>The template's name, as fMRIPrep's <c>space-</c> and <c>tpl-</c> entities and atlas <c>space</c> keys use it.</summary>
    public const string Name = "SimMNI";

    public TemplateSpace(double voxelSize)
    {
        if (!(voxelSize is >= 1 and <= 4)) throw new InvalidInputException($"template voxel size: expected 1 to 4 mm, got {voxelSize}");
        VoxelSize = voxelSize;
        Nx = (int)Math.Round(180 / voxelSize) + 1;
        Ny = (int)Math.Round(216 / voxelSize) + 1;
        Nz = (int)Math.Round(180 / voxelSize) + 1;
    }

    /// <summary>The template for a subject grid: 2 mm (FSL's MNI152 2 mm shape, 91 × 109 × 91), coarser for coarser subjects.</summary>
    public static TemplateSpace For(SimulationGrid grid) => new(Math.Max(2, grid.VoxelSize));

    public double VoxelSize { get; }
    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public int VoxelCount => Nx * Ny * Nz;

    /// <summary>Row-major voxel-to-RAS affine: x = 90 − v·i, y = v·j − 126, z = v·k − 72 (LAS, as FSL's MNI152).</summary>
    public double[] Affine =>
    [
        -VoxelSize, 0, 0, 90,
        0, VoxelSize, 0, -126,
        0, 0, VoxelSize, -72,
        0, 0, 0, 1,
    ];

    public ImageGrid Grid => new(Nx, Ny, Nz, new Affine(Affine));

    /// <summary>Template millimetres of voxel (i, j, k).</summary>
    public (double X, double Y, double Z) Point(int i, int j, int k) => (90 - VoxelSize * i, VoxelSize * j - 126, VoxelSize * k - 72);

    /// <summary>An image on the template grid (caller disposes).</summary>
    public Volume ToVolume(ReadOnlySpan<float> data, VoxelType type, string description)
    {
        var volume = Volume.FromData(data, [Nx, Ny, Nz], new Affine(Affine), type);
        volume.Metadata = new VolumeMetadata { Description = description, QformCode = 4, SformCode = 4, XyztUnits = 10 };
        return volume;
    }

    /// <summary>
    /// The subject's affine to the template as antsRegistration writes it with the template fixed and the subject moving
    /// (<c>0GenericAffine.mat</c>): template point t → subject world point C + S·(t − anchor), where C is the scanner
    /// position of the grid centre and S the subject's scale. The anatomy's warp is left out (it is the nonlinear part).
    /// </summary>
    public static LinearTransform SubjectTransform(SimulatedSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var (sx, sy, sz) = subject.TemplateScale;
        var (cx, cy, cz) = subject.ScannerCentre;
        var anchor = SubjectAnatomy.TemplateAnchor;
        return new LinearTransform(new Affine([
            sx, 0, 0, cx - sx * anchor.X,
            0, sy, 0, cy - sy * anchor.Y,
            0, 0, sz, cz - sz * anchor.Z,
            0, 0, 0, 1,
        ]));
    }
}
