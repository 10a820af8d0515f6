using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Simulation;

/// <summary>Who to simulate: an id such as "sub-001", age in years, sex, and the cohort seed and index that seed every stream.</summary>
public sealed record SubjectSpec(string Id, double Age, Sex Sex, int CohortSeed, int Index);

/// <summary>
/// One simulated subject, in memory: images and ground truth on <see cref="Grid"/> (x fastest, LIA), with its
/// affine. Nothing here touches the disk, so a training cohort can be simulated directly into a model's inputs.
/// </summary>
public sealed class SimulatedSubject
{
    public required SubjectSpec Spec { get; init; }
    public required SimulationGrid Grid { get; init; }

    /// <summary>Row-major 4×4 voxel-to-RAS affine.</summary>
    public required double[] Affine { get; init; }

    public required float[] T1 { get; init; }
    /// <summary>The FLAIR image; empty when the subject was simulated without it.</summary>
    public required float[] Flair { get; init; }

    /// <summary>FreeSurfer aseg labels (lesions as 77, WM-hypointensities).</summary>
    public required int[] Aseg { get; init; }

    /// <summary>aparc+aseg: aseg with cortex split into Desikan–Killiany parcels (1000+k left, 2000+k right).</summary>
    public required int[] AparcAseg { get; init; }

    /// <summary>Lesion probability (0–1), as LST-lpa writes.</summary>
    public required float[] LesionProbability { get; init; }

    public required byte[] PvsMask { get; init; }
    public required byte[] LesionMask { get; init; }

    /// <summary>Voxels whose tissue differs from the same subject at 20 (see <see cref="AgeingModel"/>).</summary>
    public required byte[] AgeEffectMask { get; init; }

    public required SubjectAgeingRates Rates { get; init; }
    public required IReadOnlyList<PvsGenerator.Tube> PvsTubes { get; init; }
    public required IReadOnlyList<LesionGenerator.Lesion> Lesions { get; init; }

    /// <summary>Per-parcel cortical statistics for lh/rh.aparc.stats (index 0 left, 1 right).</summary>
    public required IReadOnlyList<ParcelStatistics>[] Parcels { get; init; }

    /// <summary>Voxels inside the skull (the estimated total intracranial volume, as a count).</summary>
    public required int IntracranialVoxels { get; init; }

    /// <summary>World position (mm) of the grid centre: where the scanner put the head (see <see cref="TemplateSpace.SubjectTransform"/>).</summary>
    public (double X, double Y, double Z) ScannerCentre { get; init; }

    /// <summary>The subject's size relative to the template along x, y, z.</summary>
    public (double X, double Y, double Z) TemplateScale { get; init; } = (1, 1, 1);

    /// <summary>The template space of <see cref="FractionalAnisotropy"/>, when the subject was simulated with one.</summary>
    public TemplateSpace? Template { get; init; }

    /// <summary>The FA map on <see cref="Template"/>'s grid; empty when simulated without a template.</summary>
    public float[] FractionalAnisotropy { get; init; } = [];

    /// <summary>Ground truth: each tract's FA (at the subject's age, with its subject offset, before voxel noise).</summary>
    public IReadOnlyDictionary<string, double> TractFa { get; init; } = new SortedDictionary<string, double>();

    /// <summary>One of this subject's arrays as an image on its grid with its affine (caller disposes).</summary>
    public Volume ToVolume(ReadOnlySpan<float> data, VoxelType dataType = VoxelType.Float32, string description = "")
    {
        var volume = Volume.FromData(data, [Grid.Nx, Grid.Ny, Grid.Nz], new Affine(Affine), dataType);
        volume.Metadata = new VolumeMetadata { Description = description, QformCode = 1, SformCode = 1, XyztUnits = 10 };
        return volume;
    }

    /// <summary>The T1-weighted image as a volume (int16 on disk).</summary>
    public Volume T1Volume() => ToVolume(T1, VoxelType.Int16, "simulated T1w");

    /// <summary>The FLAIR image as a volume (int16 on disk).</summary>
    public Volume FlairVolume() => Flair.Length > 0
        ? ToVolume(Flair, VoxelType.Int16, "simulated FLAIR")
        : throw new InvalidOperationException($"{Spec.Id} was simulated without FLAIR");

    /// <summary>Voxel count of every aseg label present.</summary>
    public SortedDictionary<int, int> LabelCounts(bool aparc = false)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var label in aparc ? AparcAseg : Aseg)
            counts[label] = counts.GetValueOrDefault(label) + 1;
        return counts;
    }
}

/// <summary>
/// One parcel's statistics: voxel count, grey-matter volume (mm³), mean and SD of the model's local thickness
/// over the parcel's voxels, surface area (volume / thickness) and the mean curvature of the smooth envelope
/// (1/r and 1/r² from the hemisphere's centre: the model has no folding at the curvature scale, so these are
/// far below real values).
/// </summary>
public sealed record ParcelStatistics(CorticalParcel Parcel, int Voxels, double GrayVolume, double ThicknessMean,
    double ThicknessSd, double SurfaceArea, double MeanCurvature, double GaussianCurvature);
