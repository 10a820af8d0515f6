namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Sum, extremes, mean and non-zero count of voxel values (accumulated in double; NaN voxels are ignored for min/max).</summary>
public readonly record struct VolumeStatistics(double Sum, double Min, double Max, double Mean, long NonZero, long Count)
{
    public static VolumeStatistics Of(ReadOnlySpan<float> data)
    {
        if (data.IsEmpty) return new VolumeStatistics(0, double.NaN, double.NaN, double.NaN, 0, 0);
        double sum = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        long nonZero = 0;
        // float32 voxels summed in double: exact for integer-valued images up to 2^53, as nibabel's float64 sum.
        foreach (var v in data)
        {
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
            if (v != 0) nonZero++;
        }
        return new VolumeStatistics(sum, min, max, sum / data.Length, nonZero, data.Length);
    }
}
