using System.Collections.Immutable;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Analysis.Spaces.Registration;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>ingest</c>: refuses inputs outside the data root, reads the T1 and the optional FLAIR and lesion probability map
/// (which validates them), brings the FLAIR onto the T1 grid (through the subject's <c>flair_to_t1</c> transforms, or by a
/// rigid registration when the cohort's <c>flair_alignment</c> is <c>register</c>; a lesion map on the FLAIR's grid goes
/// the same way, linearly, as the original's antsApplyTransforms calls), and copies everything into the artifact store,
/// whose SHA-256 becomes the recorded input hash. The template transforms, the FA map (template space) and prepared
/// model-grid inputs are validated and stored but not applied here. Later stages read the stored copies, so editing a
/// source file cannot change a finished result.
/// </summary>
public sealed class IngestStage(PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "ingest/1";

    public string Name => StageNames.Ingest;

    public IReadOnlyList<string> DependsOn => [];

    /// <summary>
    /// The cohort's FLAIR alignment enters the hash only when set to something else than the default, so older cohorts keep
    /// theirs; it is hashed as written (a bad value fails the stage when it runs, naming the parameter, not the planning).
    /// </summary>
    public string ConfigurationHash(CohortSettings settings) => StageHash.Of([Version, Path.GetFullPath(options.DataRoot),
        .. settings.Get(CohortParameters.FlairAlignment, FlairAlignment.Given.Name()) is var alignment && alignment != FlairAlignment.Given.Name()
            ? [$"flair_alignment={alignment}"] : Array.Empty<string>()]);

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var inputs = context.Submission.Inputs;
        var alignment = FlairAlignments.Of(context.Settings);
        var images = ImmutableArray.CreateBuilder<IngestedImage>();
        var chains = ImmutableArray.CreateBuilder<IngestedTransformChain>();

        var t1Path = CheckInput("T1 image", inputs.T1);
        using var t1File = VolumeFile.Read(t1Path);
        using var t1 = FrameSelection.Select(t1File, inputs.T1Frame, $"T1 image '{t1Path}'",
            "a t1_frame column in the participants file, or submit --t1-frame K");
        // A chosen frame is stored as its own 3-D image, so every later stage reads exactly that frame.
        images.Add(Describe(IngestResult.T1, t1, await StoreAsync(ReferenceEquals(t1, t1File) ? t1Path : null, t1, cancellationToken), t1Path));

        // The FLAIR stays open for the lesion map's grid check; its chain (null when it is on the T1 grid) moves both.
        var flairPath = inputs.Flair is null ? null : CheckInput("FLAIR image", inputs.Flair);
        using var flair = flairPath is null ? null : Read3D(flairPath, "FLAIR");
        TransformChain? flairChain = null;
        if (flair is not null)
        {
            var given = SubjectInputs.Chain(inputs.FlairToT1);
            if (!given.IsEmpty)
            {
                var fsl = new FslMatrixImages(ImageGrid.Of(flair), ImageGrid.Of(t1));
                (var stored, flairChain) = await StoreChainAsync(IngestResult.FlairToT1, given, fsl, cancellationToken);
                chains.Add(stored);
            }
            else if (!VoxelGrid.Same(t1, flair))
            {
                if (alignment != FlairAlignment.Register)
                    throw new InvalidInputException(
                        $"FLAIR image '{flairPath}' is not on the grid of T1 image '{t1Path}' ({GridText(flair)} vs {GridText(t1)}) and the subject has no FLAIR→T1 transform; " +
                        $"give one (a flair_to_t1 column in the participants file, or fMRIPrep/ANTs files found by submit --transforms), " +
                        $"or let ingest register it: submit --flair-alignment register (cohort parameter {CohortParameters.FlairAlignment} = \"register\").");
                (var stored, flairChain) = await RegisterAsync(t1, flair, flairPath!, cancellationToken);
                chains.Add(stored);
            }
            images.Add(await StoreOnT1GridAsync(IngestResult.Flair, flair, flairPath!, t1, flairChain, cancellationToken));
        }

        if (inputs.LesionProbability is not null)
        {
            var path = CheckInput("Lesion probability image", inputs.LesionProbability);
            using var lesion = Read3D(path, "Lesion probability");
            // On the T1 grid it stays, whatever moved the FLAIR; on the FLAIR's own grid it goes with the FLAIR.
            TransformChain? chain = null;
            if (!VoxelGrid.Same(t1, lesion))
            {
                if (flair is not null && flairChain is not null && VoxelGrid.Same(flair, lesion)) chain = flairChain;
                else
                    VoxelGrid.RequireSame(t1, $"T1 image '{t1Path}'", lesion, $"Lesion probability image '{path}'",
                        flair is null
                            ? "compute it on the FLAIR registered to T1, or submit the FLAIR it was computed on with its FLAIR→T1 transform"
                            : "it must lie on the T1's grid or on the FLAIR's (it then moves with the FLAIR's transform)");
            }
            images.Add(await StoreOnT1GridAsync(IngestResult.LesionProbability, lesion, path, t1, chain, cancellationToken));
        }

        string? template = null;
        foreach (var (role, chain) in ((string, ImmutableArray<string>)[])
                 [(IngestResult.ToTemplate, inputs.ToTemplate), (IngestResult.ToSubject, inputs.ToSubject)])
        {
            if (SubjectInputs.Chain(chain).IsEmpty) continue;
            // Read once here, so a bad file fails ingest naming it rather than a later stage.
            var (stored, _) = await StoreChainAsync(role, SubjectInputs.Chain(chain), null, cancellationToken);
            chains.Add(stored);
            template = inputs.Template ?? "template";
        }

        if (inputs.FractionalAnisotropy is not null)
        {
            var path = CheckInput("FA map", inputs.FractionalAnisotropy);
            using var fa = Read3D(path, "FA map");
            images.Add(Describe(IngestResult.FractionalAnisotropy, fa, await StoreAsync(path, fa, cancellationToken), path));
        }

        foreach (var (model, input) in inputs.PreparedInputs())
        {
            var path = CheckInput($"Prepared input for model '{model}'", input);
            using var prepared = VolumeFile.Read(path);
            images.Add(Describe(IngestResult.Prepared(model), prepared, await StoreAsync(path, prepared, cancellationToken), path));
        }
        // No chains: the default array, which the result's JSON form (and so every later stage's input hash) leaves out.
        return new IngestResult(images.ToImmutable(), chains.Count == 0 ? default : chains.ToImmutable(), template);
    }

    /// <exception cref="InvalidInputException">The path is outside the data root or the file does not exist.</exception>
    private string CheckInput(string what, string path)
    {
        var full = DataRoot.Resolve(options.DataRoot, path, what);
        if (!File.Exists(full))
            throw new InvalidInputException($"{what} '{full}' does not exist.");
        return full;
    }

    private static Volume Read3D(string path, string label)
    {
        var image = VolumeFile.Read(path);
        try
        {
            FrameSelection.Select(image, null, $"{label} image '{path}'", "extract it first (e.g. nibabel's img.slicer[..., k] or fslroi)");
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a chain from the submitted files (so a bad file fails here, naming it) and stores each file as an artifact,
    /// keeping its extension, which says its format.
    /// </summary>
    private async Task<(IngestedTransformChain Stored, TransformChain Chain)> StoreChainAsync(
        string role, ImmutableArray<string> chain, FslMatrixImages? fsl, CancellationToken cancellationToken)
    {
        var references = new List<TransformReference>(chain.Length);
        foreach (var item in chain)
        {
            var reference = TransformReference.Parse(item, role);
            var path = CheckInput($"{role} transform", reference.Path);
            TransformExtension(path, role);
            references.Add(reference with { Path = path, Fsl = fsl });
        }
        var loaded = TransformChainLoader.Load(references, cancellationToken);
        var files = ImmutableArray.CreateBuilder<IngestedTransform>(chain.Length);
        foreach (var reference in references)
        {
            var stored = await store.PutFileAsync(reference.Path, TransformExtension(reference.Path, role), cancellationToken);
            files.Add(new IngestedTransform(stored, reference.Invert, reference.Path, stored.Sha256));
        }
        return (new IngestedTransformChain(role, files.MoveToImmutable()), loaded);
    }

    /// <summary>Rigid Mattes MI registration FLAIR → T1 (antsRegistration <c>Rigid[0.1]</c>); the result is stored as an ANTs .mat.</summary>
    private async Task<(IngestedTransformChain Stored, TransformChain Chain)> RegisterAsync(Volume t1, Volume flair, string flairPath,
        CancellationToken cancellationToken)
    {
        var result = ImageRegistration.Register(t1, flair, new RegistrationOptions { Kind = RegistrationKind.Rigid }, cancellationToken);
        var temp = Path.Combine(Path.GetTempPath(), $"rr-flair-to-t1-{Guid.NewGuid():N}.mat");
        try
        {
            ItkTransformWriter.Write(temp, result.Transform, result.Centre);
            var stored = await store.PutFileAsync(temp, ".mat", cancellationToken);
            var chain = TransformChainLoader.Load([new TransformReference(store.GetPath(stored))], cancellationToken);
            var file = new IngestedTransform(stored, false, $"registered: rigid Mattes MI of '{flairPath}' to the T1 ({RegistrationOptionsText})");
            return (new IngestedTransformChain(IngestResult.FlairToT1, [file]), chain);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private const string RegistrationOptionsText = "Rigid[0.1], MI[32 bins, Regular 0.25], 8x4x2x1 shrink, 3x2x1x0 vox smoothing";

    /// <summary>An image on the T1 grid is stored as submitted; one on another grid is moved (linear) through its chain and the move recorded.</summary>
    private async Task<IngestedImage> StoreOnT1GridAsync(string role, Volume image, string path, Volume t1, TransformChain? chain,
        CancellationToken cancellationToken)
    {
        if (chain is null) return Describe(role, image, await StoreAsync(path, image, cancellationToken), path);
        using var moved = VolumeMover.Move(image, ImageGrid.Of(t1), chain, SpatialInterpolation.Linear, 0, cancellationToken);
        var stored = await StageVolumes.StoreAsync(store, moved.Volume, moved.Volume.DataType, cancellationToken);
        return Describe(role, moved.Volume, stored, path) with { Move = moved.Record };
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

    /// <exception cref="InvalidInputException">The file's extension is not one of a transform file's.</exception>
    private static string TransformExtension(string path, string role)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        foreach (var extension in (string[])[".nii.gz", ".nii", ".mat", ".txt", ".tfm", ".h5", ".hdf5"])
            if (name.EndsWith(extension, StringComparison.Ordinal)) return extension;
        throw new InvalidInputException($"{role} transform '{path}': unknown transform file extension; expected {TransformFiles.SupportedExtensions}");
    }

    private static string GridText(Volume volume) => $"{volume.Nx}x{volume.Ny}x{volume.Nz}";

    /// <param name="source">The submitted file, fingerprinted so a resubmission can tell whether it changed.</param>
    private static IngestedImage Describe(string role, Volume volume, ArtifactReference stored, string source) =>
        new(role, [.. volume.Shape], [.. volume.Zooms], stored, ImageFingerprint.Of(source));
}
