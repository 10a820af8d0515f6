using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// How an overlay's values become colour and opacity over the background: a value v is scaled to v / <see cref="Limit"/>,
/// clamped to [−1, 1] and coloured black-fire-red; its opacity is |v / Limit|^<see cref="Gamma"/> (xai4mri's
/// <c>alpha = |R| ** gamma</c>), so faint relevance tints the anatomy and strong relevance covers it. Values whose
/// magnitude is below <see cref="Threshold"/> are not drawn. The colour bar runs from −Limit to +Limit
/// (<see cref="Signed"/>) or from 0 to +Limit.
/// </summary>
public sealed record HeatmapScale(double Limit, double Gamma, string Units, bool Signed, double Threshold = 0)
{
    /// <summary>xai4mri's plot_heatmap default: opacity |R|^0.2.</summary>
    public const double RelevanceGamma = 0.2;

    /// <summary>
    /// The share clipped off each tail, in percent: xai4mri's <c>clip_q = 1e-2</c> reaches <c>np.percentile</c> as q =
    /// 0.01, i.e. the 0.01th and 99.99th percentiles.
    /// </summary>
    public const double ClipPercent = 0.01;

    public const string RelevanceUnits = "LRP relevance (years of predicted age)";

    /// <summary>
    /// The scale of a relevance map as xai4mri's plot_heatmap draws it (<c>_symmetric_clip(percentile = 0.99,
    /// min_sym_clip = True)</c>, <c>true_scale</c>): the bound is the larger magnitude of the 0.01th and 99.99th
    /// percentiles, lowered to min(|min|, max) when the map has both signs; the limit is the largest magnitude left after
    /// clipping at that bound. A map whose bound is 0 (relevance on fewer voxels than the clipped tail) keeps its largest
    /// magnitude, where numpy would divide by zero.
    /// </summary>
    public static HeatmapScale ForRelevance(ReadOnlySpan<float> relevance, string units = RelevanceUnits)
    {
        var (min, max) = FiniteRange(relevance);
        var largest = Math.Max(Math.Abs(min), Math.Abs(max));
        if (largest == 0) return new HeatmapScale(0, RelevanceGamma, units, Signed: true);
        var low = Percentile.Of(relevance, ClipPercent);
        var high = Percentile.Of(relevance, 100 - ClipPercent);
        var bound = Math.Max(Math.Abs(low), Math.Abs(high));
        if (min < 0 && max > 0) bound = Math.Min(bound, Math.Min(-min, max));
        var limit = Math.Min(bound, largest);
        return new HeatmapScale(limit > 0 ? limit : largest, RelevanceGamma, units, Signed: true);
    }

    /// <summary>Pearson r across subjects: symmetric at the largest |r|, opacity proportional to |r|.</summary>
    public static HeatmapScale ForCorrelation(ReadOnlySpan<float> r)
    {
        var (min, max) = FiniteRange(r);
        return new HeatmapScale(Math.Max(Math.Abs(min), Math.Abs(max)), 1, "Pearson r", Signed: true);
    }

    /// <summary>−log10 of corrected p: 0 to the largest value, drawn only where it reaches <paramref name="threshold"/> (e.g. −log10 0.05).</summary>
    public static HeatmapScale ForNegLog10P(ReadOnlySpan<float> values, double threshold)
    {
        var (_, max) = FiniteRange(values);
        return new HeatmapScale(Math.Max(max, threshold), 1, "−log10 p (Bonferroni)", Signed: false, threshold);
    }

    /// <summary>Colour and opacity of a value; opacity 0 for NaN, values below the threshold and a zero limit.</summary>
    public (byte R, byte G, byte B, double Alpha) Colour(float value)
    {
        if (Limit <= 0 || float.IsNaN(value) || Math.Abs(value) < Threshold || value == 0) return (0, 0, 0, 0);
        var unit = Math.Clamp(value / Limit, Signed ? -1 : 0, 1);
        var (r, g, b) = BlackFireRedColorMap.Map(unit);
        return (r, g, b, Math.Pow(Math.Abs(unit), Gamma));
    }

    private static (double Min, double Max) FiniteRange(ReadOnlySpan<float> values)
    {
        float min = 0, max = 0;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }
}
