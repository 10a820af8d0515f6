namespace RelevanceRelated.Analysis.Artifacts;

/// <summary>An artifact on disk is missing or does not match its reference (size or SHA-256).</summary>
public sealed class ArtifactIntegrityException(string message) : IOException(message);
