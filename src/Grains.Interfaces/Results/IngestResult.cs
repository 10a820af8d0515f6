using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Atlases;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace RelevanceRelated.Contracts;

/// <summary>
/// <c>ingest</c>: each input image as stored (T1; FLAIR and the lesion probability map on the T1 grid; the FA map in
/// template space; prepared model-grid inputs), the subject's transform chains as stored files, and the template's name.
/// </summary>
/// <param name="Images">The stored images, one per role.</param>
/// <param name="Transforms">The stored chains (<see cref="FlairToT1"/>, <see cref="ToTemplate"/>, <see cref="ToSubject"/>);
/// <c>default</c> in results written before chains were ingested: read them through <see cref="Chain"/>.</param>
/// <param name="Template">The template space <see cref="ToTemplate"/> leads to, when the subject has template transforms.</param>
/// <remarks>
/// Fields added since the first version are left out of the JSON form (which the input hashes of later stages cover)
/// while they hold their defaults, so a subject without transforms hashes as before and nothing reruns for them.
/// </remarks>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] ImmutableArray<IngestedImage> Images,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ImmutableArray<IngestedTransformChain> Transforms = default,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Template = null) : StageResult
{
    public const string T1 = "t1";
    public const string Flair = "flair";
    public const string LesionProbability = "lesion_probability";

    /// <summary>The FA map, in template space (not moved at ingest).</summary>
    public const string FractionalAnisotropy = "fa";

    /// <summary>Role prefix of a prepared model-grid input: <c>prepared:MODEL</c>.</summary>
    public const string PreparedPrefix = "prepared:";

    /// <summary>The chain that moved the FLAIR (and a lesion map on its grid) onto the T1 grid.</summary>
    public const string FlairToT1 = "flair_to_t1";

    /// <summary>The chain that moves subject images into template space (reference: the template grid).</summary>
    public const string ToTemplate = "to_template";

    /// <summary>The chain that moves template images (atlases) onto the subject (reference: the T1 grid).</summary>
    public const string ToSubject = "to_subject";

    /// <summary>The role of <paramref name="model"/>'s prepared input.</summary>
    public static string Prepared(string model) => PreparedPrefix + model;

    /// <summary>The stored image in <paramref name="role"/>, or null when the subject has none.</summary>
    public IngestedImage? Image(string role) => Images.FirstOrDefault(i => i.Role == role);

    /// <summary>The stored chain in <paramref name="role"/>, or null when the subject has none.</summary>
    public IngestedTransformChain? Chain(string role) => (Transforms.IsDefault ? [] : Transforms).FirstOrDefault(t => t.Role == role);

    /// <summary>
    /// The subject's template transforms as stored files (verified against their SHA-256), ready for
    /// <see cref="AtlasProjector"/> and <see cref="VolumeMover"/>; null when the subject has none.
    /// </summary>
    public async Task<SubjectTemplateTransforms?> TemplateTransformsAsync(ArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Chain(ToTemplate) is null && Chain(ToSubject) is null) return null;
        var toTemplate = Chain(ToTemplate) is { } forward ? await forward.ReferencesAsync(store, null, cancellationToken) : [];
        var toSubject = Chain(ToSubject) is { } inverse ? await inverse.ReferencesAsync(store, null, cancellationToken) : [];
        return new SubjectTemplateTransforms(Template ?? "template", toTemplate, toSubject);
    }

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() =>
        Images.Select(i => (i.Role, i.Stored))
            .Concat((Transforms.IsDefault ? [] : Transforms).SelectMany(c => c.Files.Select((f, k) => ($"{c.Role}.{k}", f.Stored))));
}

/// <summary>
/// One stored input image: its role, voxel grid, the stored copy, and the fingerprint of the submitted file(s) it came
/// from (<see cref="Analysis.Imaging.ImageFingerprint"/>), by which a resubmission tells whether the file changed since.
/// An image moved onto the T1 grid at ingest carries the record of its chain (<see cref="Move"/>).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestedImage")]
public sealed record IngestedImage(
    [property: Id(0)] string Role,
    [property: Id(1)] ImmutableArray<int> Shape,
    [property: Id(2)] ImmutableArray<double> Zooms,
    [property: Id(3)] ArtifactReference Stored,
    [property: Id(4)] string? SourceFingerprint = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] MoveRecord? Move = null);

/// <summary>
/// One of a subject's transform chains as stored: its role (<see cref="IngestResult.FlairToT1"/>,
/// <see cref="IngestResult.ToTemplate"/>, <see cref="IngestResult.ToSubject"/>) and its files in antsApplyTransforms order.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestedTransformChain")]
public sealed record IngestedTransformChain(
    [property: Id(0)] string Role,
    [property: Id(1)] ImmutableArray<IngestedTransform> Files)
{
    /// <summary>The stored files as antsApplyTransforms references (each verified against its SHA-256).</summary>
    /// <param name="fsl">For an FSL FLIRT matrix in the chain: the images it was computed between.</param>
    public async Task<IReadOnlyList<TransformReference>> ReferencesAsync(ArtifactStore store, FslMatrixImages? fsl = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var references = new List<TransformReference>(Files.Length);
        foreach (var file in Files)
            references.Add(new TransformReference(await store.GetVerifiedPathAsync(file.Stored, cancellationToken), file.Invert, fsl));
        return references;
    }

    /// <summary>The chain, loaded from the stored files (<see cref="TransformChainLoader"/>).</summary>
    public async Task<TransformChain> LoadAsync(ArtifactStore store, FslMatrixImages? fsl = null, CancellationToken cancellationToken = default) =>
        TransformChainLoader.Load(await ReferencesAsync(store, fsl, cancellationToken), cancellationToken);
}

/// <summary>
/// One transform file of a chain: the stored copy (its name keeps the file's extension, which says its format), whether
/// its inverse is used (<c>[file,1]</c>), the file as submitted (or how it was made, for a registration) and the
/// SHA-256 of the submitted file, by which a resubmission tells whether it changed.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestedTransform")]
public sealed record IngestedTransform(
    [property: Id(0)] ArtifactReference Stored,
    [property: Id(1)] bool Invert,
    [property: Id(2)] string Source,
    [property: Id(3)] string? SourceFingerprint = null);
