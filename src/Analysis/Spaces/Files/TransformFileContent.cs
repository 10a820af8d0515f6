namespace RelevanceRelated.Analysis.Spaces.Files;

/// <summary>
/// What a transform file held: its transforms in file order (ITK's queue order: a composite applies the last one first
/// to a point) with their ITK type names, the format and the file's SHA-256.
/// </summary>
public sealed record TransformFileContent(string Path, TransformFileFormat Format, string Sha256,
    IReadOnlyList<SpatialTransform> Transforms, IReadOnlyList<string> TypeNames);
