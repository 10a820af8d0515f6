using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>The default region Frangi searches for PVS when no mask is given.</summary>
public static class FrangiRegion
{
    /// <summary>Voxels the brain is shrunk by, so the brain's outer edge does not read as vessels.</summary>
    public const int DefaultErosion = 3;

    /// <summary>The brain (non-zero T1) shrunk by <paramref name="by"/> voxels (erosion as dilation of the outside).</summary>
    public static byte[] ErodedBrain(Volume t1, int by = DefaultErosion)
        => Morphology.Erode(BinaryMask.NonZero(t1.Frame(0)), t1.Shape3, by);
}
