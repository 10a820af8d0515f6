using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>The default region Frangi searches for PVS when no mask is given.</summary>
public static class FrangiRegion
{
    /// <summary>Voxels the brain is shrunk by, so the brain's outer edge does not read as vessels.</summary>
    public const int DefaultErosion = 3;

    /// <summary>The brain (non-zero T1) shrunk by <paramref name="by"/> voxels (erosion as dilation of the outside).</summary>
    public static byte[] ErodedBrain(Volume t1, int by = DefaultErosion)
    {
        var outside = BinaryMask.NonZero(t1.Frame(0));
        for (var i = 0; i < outside.Length; i++) outside[i] ^= 1;
        var grown = Morphology.Dilate(outside, t1.Shape3, by);
        for (var i = 0; i < grown.Length; i++) grown[i] ^= 1;
        return grown;
    }
}
