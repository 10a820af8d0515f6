using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Grains.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>ingest</c>: refuses inputs outside the data root, reads the T1 and the optional FLAIR and lesion probability map
/// (which validates them), checks that they lie on the T1's grid, and copies them into the artifact store, whose SHA-256 becomes the
/// recorded input hash. Later stages read the stored copies, so editing a source file cannot change a finished result.
/// </summary>
public sealed class IngestStage(PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    /// <summary>Largest difference between two affines' entries (mm) for images to count as one grid.</summary>
    public const double GridTolerance = 1e-3;

    private const string Version = "ingest/1";

    public string Name => StageNames.Ingest;

    public IReadOnlyList<string> DependsOn => [];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(Version, Path.GetFullPath(options.DataRoot));

    public async Task<StageOutput> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var inputs = context.Submission.Inputs;
        var artifacts = ImmutableSortedDictionary.CreateBuilder<string, ArtifactReference>();
        var values = ImmutableSortedDictionary.CreateBuilder<string, double>();
        var facts = ImmutableSortedDictionary.CreateBuilder<string, string>();

        var t1Path = CheckInput("T1", inputs.T1);
        using var t1File = VolumeFile.Read(t1Path);
        using var t1 = FrameSelection.Select(t1File, inputs.T1Frame, $"T1 image '{t1Path}'",
            "a t1_frame column in the participants file, or submit --t1-frame K");
        Describe("t1", t1, values, facts);
        // A chosen frame is stored as its own 3-D image, so every later stage reads exactly that frame.
        artifacts["t1"] = await StoreAsync(ReferenceEquals(t1, t1File) ? t1Path : null, t1, cancellationToken);

        // Images that must share the T1's grid, when the subject has them.
        (string Role, string Label, string? Path, string Advice)[] companions =
        [
            ("flair", "FLAIR", inputs.Flair, "register FLAIR to T1 first"),
            ("lesion_probability", "Lesion probability", inputs.LesionProbability, "compute it on the FLAIR registered to T1"),
        ];
        foreach (var (role, label, input, advice) in companions)
        {
            if (input is null) continue;
            var path = CheckInput(label, input);
            using var image = VolumeFile.Read(path);
            FrameSelection.Select(image, null, $"{label} image '{path}'", "extract it first (e.g. nibabel's img.slicer[..., k] or fslroi)");
            CheckSameGrid(t1Path, t1, $"{label} image", path, image, advice);
            Describe(role, image, values, facts);
            artifacts[role] = await StoreAsync(path, image, cancellationToken);
        }
        foreach (var (role, reference) in artifacts) facts[$"{role}.sha256"] = reference.Sha256;
        return new StageOutput(artifacts.ToImmutable(), values.ToImmutable(), facts.ToImmutable());
    }

    /// <exception cref="InvalidInputException">The path is outside the data root or the file does not exist.</exception>
    private string CheckInput(string role, string path)
    {
        var full = DataRoot.Resolve(options.DataRoot, path, $"{role} image");
        if (!File.Exists(full))
            throw new InvalidInputException($"{role} image '{full}' does not exist.");
        return full;
    }

    /// <exception cref="InvalidInputException">The two images are not on one voxel grid.</exception>
    private static void CheckSameGrid(string t1Path, Volume t1, string role, string path, Volume image, string advice)
    {
        if (t1.Shape3 != image.Shape3)
            throw new InvalidInputException(
                $"{role} '{path}' has shape {Shape(image)} but T1 image '{t1Path}' has {Shape(t1)}; expected the same grid ({advice}).");
        var difference = t1.Affine.MaxAbsDifference(image.Affine);
        if (difference > GridTolerance)
            throw new InvalidInputException(
                $"{role} '{path}' has affine {image.Affine} but T1 image '{t1Path}' has {t1.Affine} (entries differ by up to {difference:G3} mm); expected the same grid.");
    }

    /// <summary>Single-file images are stored byte for byte; an .hdr/.img pair, or a volume with no file (<paramref name="path"/> null), as one .nii.gz.</summary>
    private async Task<ArtifactReference> StoreAsync(string? path, Volume volume, CancellationToken cancellationToken)
    {
        if (path is not null && Extension(path) is { } extension) return await store.PutFileAsync(path, extension, cancellationToken);
        var temp = Path.Combine(Path.GetTempPath(), $"rr-ingest-{Guid.NewGuid():N}.nii.gz");
        try
        {
            VolumeFile.Write(volume, temp);
            return await store.PutFileAsync(temp, ".nii.gz", cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string? Extension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        foreach (var extension in (string[])[".nii.gz", ".nii", ".mgz", ".mgh"])
            if (name.EndsWith(extension, StringComparison.Ordinal)) return extension;
        return null;
    }

    private static void Describe(string role, Volume volume, ImmutableSortedDictionary<string, double>.Builder values,
        ImmutableSortedDictionary<string, string>.Builder facts)
    {
        facts[$"{role}.shape"] = Shape(volume);
        facts[$"{role}.zooms"] = string.Join("x", volume.Zooms.Take(3).Select(z => z.ToString("0.###", CultureInfo.InvariantCulture)));
        values[$"{role}.voxels"] = volume.SpatialCount;
    }

    private static string Shape(Volume v) => string.Join("x", v.Shape);
}
