namespace RelevanceRelated.Analysis.Imaging;

/// <summary>A NIfTI header extension (code and raw content), kept so that a round trip preserves it.</summary>
public sealed record NiftiExtension(int Code, byte[] Content);
