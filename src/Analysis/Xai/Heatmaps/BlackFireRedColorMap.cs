namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// The diverging "black-fire-red" map of LRP heatmaps (Grégoire Montavon's, as iNNvestigate's apply_heatmap and
/// xai4mri's <c>gregoire_black_fire_red</c> define it): 0 is black; positive values turn red up to 0.25, add green
/// (→ yellow) up to 0.5 and blue (→ white) up to 1; negative values mirror this through blue, cyan and white.
/// </summary>
public static class BlackFireRedColorMap
{
    /// <summary>The colour of a value in [−1, 1] (clamped; NaN is black).</summary>
    public static (byte R, byte G, byte B) Map(double value)
    {
        var x = double.IsNaN(value) ? 0 : Math.Clamp(value, -1.0, 1.0);
        var red = Ramp(x, 0.00, 0.25) + Ramp(-x, 0.50, 0.50);
        var green = Ramp(x, 0.25, 0.25) + Ramp(-x, 0.25, 0.25);
        var blue = Ramp(x, 0.50, 0.50) + Ramp(-x, 0.00, 0.25);
        return (ToByte(red), ToByte(green), ToByte(blue));
    }

    /// <summary>0 below <paramref name="start"/>, rising linearly to 1 over <paramref name="width"/>.</summary>
    private static double Ramp(double x, double start, double width) => Math.Clamp(x - start, 0, width) / width;

    private static byte ToByte(double unit) => (byte)Math.Round(unit * 255);
}
