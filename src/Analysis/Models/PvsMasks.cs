namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Result of PVS post-processing, as 0/1 masks in the probability map's x-fastest order:
/// <see cref="Clusters"/> are the thresholded, restricted, size-filtered clusters (what the census counts);
/// <see cref="Output"/> is what gets written (the clusters, dilated, or only the dilation's border).
/// </summary>
public sealed record PvsMasks(byte[] Clusters, byte[] Output, (int X, int Y, int Z) Shape);
