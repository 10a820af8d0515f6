namespace RelevanceRelated.Analysis.Artifacts;

/// <summary>
/// Where an artifact (a volume, a map, a table) lives in the shared artifact store and what it must hash to.
/// Grain state and messages carry this reference, never the bytes.
/// </summary>
/// <param name="RelativePath">Path under the store's root, with '/' separators, e.g. <c>sha256/3f/3f…a9.nii.gz</c>.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
/// <param name="Bytes">Length of the content in bytes.</param>
public sealed record ArtifactReference(string RelativePath, string Sha256, long Bytes);
