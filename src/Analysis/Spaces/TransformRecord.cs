namespace RelevanceRelated.Analysis.Spaces;

/// <summary>
/// Provenance of one entry of a chain: the file as given, its SHA-256 (lower-case hex), whether its inverse was used,
/// its format and the transforms it held (in file order). Small and serialisable, so a moved image can record how it
/// was moved.
/// </summary>
public sealed record TransformRecord(string File, string Sha256, bool Inverted, string Format, IReadOnlyList<string> Transforms);
