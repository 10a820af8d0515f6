using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// How scipy.ndimage's interpolators store a float64 result in an integer output array (the input's type):
/// unsigned types take ⌊t + ½⌋ for t &gt; 0 and 0 otherwise; signed types round half away from zero; both clamp to
/// the type's range.
/// </summary>
public static class ScipyIntegerCast
{
    public static double Round(double t, VoxelType type)
    {
        var (min, max) = type.Range();
        if (IsUnsigned(type))
        {
            t = t > 0 ? Math.Floor(t + 0.5) : 0;
            return Math.Min(t, max);
        }
        t = t > 0 ? Math.Floor(t + 0.5) : Math.Ceiling(t - 0.5);
        return Math.Clamp(t, min, max);
    }

    private static bool IsUnsigned(VoxelType type) => type is VoxelType.UInt8 or VoxelType.UInt16 or VoxelType.UInt32 or VoxelType.UInt64;
}
