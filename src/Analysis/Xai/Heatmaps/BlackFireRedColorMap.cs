namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// The diverging "black–fire–red" map of LRP heatmaps: 0 is black; positive relevance runs through dark red, red
/// and yellow to white ("fire"); negative relevance through dark blue, blue and cyan to white.
/// </summary>
public static class BlackFireRedColorMap
{
    /// <summary>The colour of a value in [−1, 1] (clamped).</summary>
    public static (byte R, byte G, byte B) Map(double value)
    {
        var v = Math.Clamp(value, -1.0, 1.0);
        var a = Math.Abs(v);
        // Three equal segments: black → full primary, primary → primary + second channel, → white.
        var first = Math.Clamp(a * 3, 0, 1);
        var second = Math.Clamp(a * 3 - 1, 0, 1);
        var third = Math.Clamp(a * 3 - 2, 0, 1);
        var (hot, warm, cool) = (ToByte(first), ToByte(second), ToByte(third));
        return v >= 0 ? (hot, warm, cool) : (cool, warm, hot);
    }

    private static byte ToByte(double unit) => (byte)Math.Round(unit * 255);
}
