using System.Numerics;

namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// The guard in front of every model and filter: NaN or infinite voxels would spread through normalisation,
/// convolutions and LRP into NaN predictions and maps without a word, so such an input is refused with the counts.
/// </summary>
public static class FiniteVoxels
{
    /// <summary>Checks the first frame of <paramref name="image"/> (the one models use).</summary>
    /// <param name="what">The image and its consumer in the message, e.g. "the T1 image given to models.t1_2mm".</param>
    /// <exception cref="InvalidInputException">Some voxel is NaN or ±∞; the message counts each kind.</exception>
    public static void Require(Volume image, string what)
    {
        ArgumentNullException.ThrowIfNull(image);
        var data = image.Frame(0);
        if (AllFinite(data)) return;
        var statistics = VolumeStatistics.Of(data);
        throw new InvalidInputException(
            $"{what} has {statistics.NaN} NaN, {statistics.PositiveInfinity} +inf and {statistics.NegativeInfinity} -inf voxels " +
            $"(of {data.Length}); expected finite values. Replace them first (e.g. numpy.nan_to_num, or fslmaths -nan); " +
            "`relevancerelated volume info` counts them.");
    }

    /// <summary>x − x is 0 for every finite x and NaN for NaN and ±∞: one subtraction and compare per lane.</summary>
    private static bool AllFinite(ReadOnlySpan<float> data)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<float>.Count)
        {
            for (; i <= data.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(data[i..]);
                if (!Vector.EqualsAll(v - v, Vector<float>.Zero)) return false;
            }
        }
        for (; i < data.Length; i++)
            if (!float.IsFinite(data[i])) return false;
        return true;
    }
}
