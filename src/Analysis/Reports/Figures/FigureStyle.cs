using ScottPlot;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>The figures' shared look: size, the colour-blind-safe Okabe–Ito palette for models and the diverging colours of r.</summary>
public static class FigureStyle
{
    public const int Width = 720;
    public const int Height = 520;

    /// <summary>Okabe &amp; Ito's palette (blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black), one colour per model.</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public static Color ModelColour(int index) => Color.FromHex(Palette[index % Palette.Length]);

    /// <summary>pvs_stats.R's colours: darkblue for the whole map ("Expected"), darkred for PVS, yellow for lesions.</summary>
    public static readonly Color Expected = Color.FromHex("#44546A");
    public static readonly Color Pvs = Color.FromHex("#AA1926");
    public static readonly Color Lesions = Color.FromHex("#D1B74C");

    /// <summary>
    /// ggplot2's <c>scale_colour_gradient2()</c> as the R scripts use it: muted red at −limit, white at 0, muted blue
    /// at +limit (scales::muted(<c>"red"</c>) = #832424, muted(<c>"blue"</c>) = #3A3A98), interpolated in RGB.
    /// </summary>
    public static (byte R, byte G, byte B) Diverging(double value, double limit)
    {
        var unit = limit > 0 && double.IsFinite(value) ? Math.Clamp(value / limit, -1, 1) : 0;
        (byte R, byte G, byte B) end = unit < 0 ? ((byte)0x83, (byte)0x24, (byte)0x24) : ((byte)0x3A, (byte)0x3A, (byte)0x98);
        var t = Math.Abs(unit);
        static byte Mix(byte white, byte colour, double t) => (byte)Math.Round(white + (colour - white) * t);
        return (Mix(255, end.R, t), Mix(255, end.G, t), Mix(255, end.B, t));
    }

    public static Color DivergingColour(double value, double limit)
    {
        var (r, g, b) = Diverging(value, limit);
        return new Color(r, g, b);
    }

    public static byte[] Png(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
