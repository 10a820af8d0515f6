namespace RelevanceRelated.Analysis.Spaces;

/// <summary>The images an FSL FLIRT matrix was estimated between (<c>flirt -in SOURCE -ref REFERENCE</c>).</summary>
public sealed record FslMatrixImages(ImageGrid Source, ImageGrid Reference);
