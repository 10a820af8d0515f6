namespace RelevanceRelated.Analysis.Imaging;

/// <summary>How <see cref="Resampler"/> reads between voxels.</summary>
public enum Interpolation
{
    /// <summary>Trilinear, for intensities (scipy order=1).</summary>
    Linear,

    /// <summary>Nearest neighbour, for labels and masks (scipy order=0).</summary>
    Nearest,
}
