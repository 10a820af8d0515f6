namespace RelevanceRelated.Analysis.Reports.Viewer;

/// <summary>How the viewer draws a volume: the anatomy in grey, relevance (or r) with a signed colour map and a threshold, a mask in green.</summary>
public enum ViewerVolumeKind
{
    Anatomy,
    Relevance,
    Mask,
}

/// <summary>
/// One volume of a viewer entry: its file name (its extension tells NiiVue the format, e.g. <c>.nii.gz</c>), what it
/// is, its bytes and, for relevance, the colour-bar limit (the heatmap's, so both show the same colours at a value).
/// </summary>
public sealed record ViewerVolume(string Name, string Title, ViewerVolumeKind Kind, byte[] Bytes, double Limit = 0);
