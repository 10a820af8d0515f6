namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Sum, extremes, mean and non-zero count of voxel values, accumulated in double, as numpy's nan-functions compute
/// them (<c>np.nansum</c>, <c>np.nanmin</c>, <c>np.nanmax</c>, <c>np.nanmean</c>, and <c>np.count_nonzero</c> of the
/// values that are not NaN): NaN voxels are skipped, infinities take part. The non-finite voxels are counted apart,
/// so that a reader sees them instead of a NaN or infinite result. With every voxel NaN, min, max and mean are NaN.
/// </summary>
/// <param name="Count">Every voxel, finite or not.</param>
/// <param name="NaN">Voxels that are NaN.</param>
/// <param name="PositiveInfinity">Voxels that are +∞.</param>
/// <param name="NegativeInfinity">Voxels that are −∞.</param>
public readonly record struct VolumeStatistics(double Sum, double Min, double Max, double Mean, long NonZero, long Count,
    long NaN = 0, long PositiveInfinity = 0, long NegativeInfinity = 0)
{
    /// <summary>Whether any voxel is NaN or infinite.</summary>
    public bool HasNonFinite => NaN + PositiveInfinity + NegativeInfinity > 0;

    public static VolumeStatistics Of(ReadOnlySpan<float> data)
    {
        if (data.IsEmpty) return new VolumeStatistics(0, double.NaN, double.NaN, double.NaN, 0, 0);
        double sum = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        long nonZero = 0, nan = 0, positiveInfinity = 0, negativeInfinity = 0;
        // float32 voxels summed in double: exact for integer-valued images up to 2^53, as nibabel's float64 sum.
        foreach (var v in data)
        {
            if (float.IsNaN(v))
            {
                nan++;
                continue;
            }
            if (float.IsInfinity(v))
            {
                if (v > 0) positiveInfinity++;
                else negativeInfinity++;
            }
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
            if (v != 0) nonZero++;
        }
        var counted = data.Length - nan;
        return counted == 0
            ? new VolumeStatistics(0, double.NaN, double.NaN, double.NaN, 0, data.Length, nan)
            : new VolumeStatistics(sum, min, max, sum / counted, nonZero, data.Length, nan, positiveInfinity, negativeInfinity);
    }
}
