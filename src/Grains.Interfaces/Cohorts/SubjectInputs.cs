namespace RelevanceRelated.Contracts;

/// <summary>
/// Where a subject's images are, as absolute paths on the shared data mount (below <c>[paths].data</c>).
/// The ingest stage reads and hashes them; later stages use the stored copies, never these paths.
/// </summary>
/// <param name="T1">The T1-weighted image (NIfTI or MGH/MGZ).</param>
/// <param name="Flair">The FLAIR image on the same grid, when there is one.</param>
/// <param name="LesionProbability">The white-matter-lesion probability map, when there is one.</param>
/// <param name="FreeSurferDirectory">The subject's FreeSurfer directory (mri/, stats/), when there is one.</param>
/// <param name="T1Frame">Which frame of a T1 file with several frames to use (0-based); a multi-frame T1 without it is refused.</param>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.SubjectInputs")]
public sealed record SubjectInputs(
    [property: Id(0)] string T1,
    [property: Id(1)] string? Flair = null,
    [property: Id(2)] string? LesionProbability = null,
    [property: Id(3)] string? FreeSurferDirectory = null,
    [property: Id(4)] int? T1Frame = null);
