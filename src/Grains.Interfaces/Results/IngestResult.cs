using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;

namespace RelevanceRelated.Contracts;

/// <summary><c>ingest</c>: each input image as stored (T1, and FLAIR and the lesion probability map when the subject has them).</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestResult")]
public sealed record IngestResult([property: Id(0)] ImmutableArray<IngestedImage> Images) : StageResult
{
    public const string T1 = "t1";
    public const string Flair = "flair";
    public const string LesionProbability = "lesion_probability";

    /// <summary>The stored image in <paramref name="role"/>, or null when the subject has none.</summary>
    public IngestedImage? Image(string role) => Images.FirstOrDefault(i => i.Role == role);

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() => Images.Select(i => (i.Role, i.Stored));
}

/// <summary>
/// One stored input image: its role, voxel grid, the stored copy, and the fingerprint of the submitted file(s) it came
/// from (<see cref="Analysis.Imaging.ImageFingerprint"/>), by which a resubmission tells whether the file changed since.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.IngestedImage")]
public sealed record IngestedImage(
    [property: Id(0)] string Role,
    [property: Id(1)] ImmutableArray<int> Shape,
    [property: Id(2)] ImmutableArray<double> Zooms,
    [property: Id(3)] ArtifactReference Stored,
    [property: Id(4)] string? SourceFingerprint = null);
