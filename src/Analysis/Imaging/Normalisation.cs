namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Intensity normalisation before a model: clip at a percentile (of all voxels or of non-zero brain voxels),
/// min–max scale to [0, 1], or to [0, 255] as uint8. Operations work in place on the volume's voxels.
/// </summary>
public static class Normalisation
{
    /// <summary>Caps values above the given percentile at it; returns the cap.</summary>
    public static double ClipAtPercentile(Volume volume, double percent, PercentileScope scope = PercentileScope.NonZero)
    {
        var cap = Percentile.Of(volume.Data, percent, scope);
        if (double.IsNaN(cap)) return cap;
        var c = (float)cap;
        var d = volume.Data;
        for (var i = 0; i < d.Length; i++) if (d[i] > c) d[i] = c;
        return cap;
    }

    /// <summary>Scales linearly so the minimum becomes <paramref name="low"/> and the maximum <paramref name="high"/>
    /// (a constant volume becomes all <paramref name="low"/>). The volume's type becomes float32.</summary>
    public static void MinMaxScale(Volume volume, double low = 0, double high = 1)
    {
        var s = VolumeStatistics.Of(volume.Data);
        var range = s.Max - s.Min;
        var d = volume.Data;
        var scale = range > 0 ? (high - low) / range : 0;
        for (var i = 0; i < d.Length; i++) d[i] = (float)(low + (d[i] - s.Min) * scale);
        volume.DataType = VoxelType.Float32;
    }

    /// <summary>Min–max scales to [0, 255], rounds, and marks the volume as uint8.</summary>
    public static void ToUInt8(Volume volume)
    {
        MinMaxScale(volume, 0, 255);
        var d = volume.Data;
        for (var i = 0; i < d.Length; i++) d[i] = MathF.Round(d[i]);
        volume.DataType = VoxelType.UInt8;
    }
}
