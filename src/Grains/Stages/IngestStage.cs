using System.Collections.Immutable;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>ingest</c>: refuses inputs outside the data root, reads the T1 and the optional FLAIR and lesion probability map
/// (which validates them), checks that they lie on the T1's grid, and copies them into the artifact store, whose SHA-256 becomes the
/// recorded input hash. Later stages read the stored copies, so editing a source file cannot change a finished result.
/// </summary>
public sealed class IngestStage(PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "ingest/1";

    public string Name => StageNames.Ingest;

    public IReadOnlyList<string> DependsOn => [];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(Version, Path.GetFullPath(options.DataRoot));

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var inputs = context.Submission.Inputs;
        var images = ImmutableArray.CreateBuilder<IngestedImage>();

        var t1Path = CheckInput("T1", inputs.T1);
        using var t1File = VolumeFile.Read(t1Path);
        using var t1 = FrameSelection.Select(t1File, inputs.T1Frame, $"T1 image '{t1Path}'",
            "a t1_frame column in the participants file, or submit --t1-frame K");
        // A chosen frame is stored as its own 3-D image, so every later stage reads exactly that frame.
        images.Add(Describe(IngestResult.T1, t1, await StoreAsync(ReferenceEquals(t1, t1File) ? t1Path : null, t1, cancellationToken), t1Path));

        // Images that must share the T1's grid, when the subject has them.
        (string Role, string Label, string? Path, string Advice)[] companions =
        [
            (IngestResult.Flair, "FLAIR", inputs.Flair, "register FLAIR to T1 first"),
            (IngestResult.LesionProbability, "Lesion probability", inputs.LesionProbability, "compute it on the FLAIR registered to T1"),
        ];
        foreach (var (role, label, input, advice) in companions)
        {
            if (input is null) continue;
            var path = CheckInput(label, input);
            using var image = VolumeFile.Read(path);
            FrameSelection.Select(image, null, $"{label} image '{path}'", "extract it first (e.g. nibabel's img.slicer[..., k] or fslroi)");
            VoxelGrid.RequireSame(t1, $"T1 image '{t1Path}'", image, $"{label} image '{path}'", advice);
            images.Add(Describe(role, image, await StoreAsync(path, image, cancellationToken), path));
        }
        return new IngestResult(images.ToImmutable());
    }

    /// <exception cref="InvalidInputException">The path is outside the data root or the file does not exist.</exception>
    private string CheckInput(string role, string path)
    {
        var full = DataRoot.Resolve(options.DataRoot, path, $"{role} image");
        if (!File.Exists(full))
            throw new InvalidInputException($"{role} image '{full}' does not exist.");
        return full;
    }

    /// <summary>Single-file images are stored byte for byte; an .hdr/.img pair, or a volume with no file (<paramref name="path"/> null), as one .nii.gz.</summary>
    private async Task<ArtifactReference> StoreAsync(string? path, Volume volume, CancellationToken cancellationToken)
    {
        if (path is not null && Extension(path) is { } extension) return await store.PutFileAsync(path, extension, cancellationToken);
        return await StageVolumes.StoreAsync(store, volume, volume.DataType, cancellationToken);
    }

    private static string? Extension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        foreach (var extension in (string[])[".nii.gz", ".nii", ".mgz", ".mgh"])
            if (name.EndsWith(extension, StringComparison.Ordinal)) return extension;
        return null;
    }

    /// <param name="source">The submitted file, fingerprinted so a resubmission can tell whether it changed.</param>
    private static IngestedImage Describe(string role, Volume volume, ArtifactReference stored, string source) =>
        new(role, [.. volume.Shape], [.. volume.Zooms], stored, ImageFingerprint.Of(source));
}
