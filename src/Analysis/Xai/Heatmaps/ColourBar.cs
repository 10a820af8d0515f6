using System.Globalization;
using SkiaSharp;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// A vertical colour bar: the colour of every value from the scale's low end (bottom) to <c>+Limit</c> (top) at full
/// opacity, five ticks with their values, and the units written along its side.
/// </summary>
public static class ColourBar
{
    public const int BarWidth = 14;

    /// <summary>Width the bar takes with its tick labels and units.</summary>
    public const int Width = BarWidth + 78;

    /// <param name="colourOf">The colour of a value in [−1, 1] (or [0, 1] for an unsigned scale) as a fraction of the limit.</param>
    public static void Draw(SKCanvas canvas, float left, float top, float height, double limit, bool signed, string units,
        Func<double, SKColor> colourOf, SKFont font, SKPaint text)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(colourOf);
        var low = signed ? -1.0 : 0.0;
        using (var paint = new SKPaint { IsAntialias = false })
        {
            for (var y = 0; y < (int)height; y++)
            {
                paint.Color = colourOf(1 - (1 - low) * (y + 0.5) / height);
                canvas.DrawRect(left, top + y, BarWidth, 1, paint);
            }
            paint.Style = SKPaintStyle.Stroke;
            paint.Color = text.Color;
            canvas.DrawRect(left, top, BarWidth, height, paint);
        }
        for (var i = 0; i <= 4; i++)
        {
            var fraction = 1 - (1 - low) * i / 4.0;
            var y = top + height * i / 4f;
            canvas.DrawLine(left + BarWidth, y, left + BarWidth + 4, y, text);
            canvas.DrawText(Tick(fraction * limit, limit), left + BarWidth + 6, y + font.Size / 3, SKTextAlign.Left, font, text);
        }
        canvas.Save();
        canvas.RotateDegrees(90, left + Width - 6, top + height / 2);
        canvas.DrawText(units, left + Width - 6, top + height / 2, SKTextAlign.Center, font, text);
        canvas.Restore();
    }

    /// <summary>Three significant digits, in scientific notation for very small or large limits.</summary>
    public static string Tick(double value, double limit)
    {
        if (value == 0) return "0";
        var magnitude = Math.Abs(limit);
        return magnitude is < 0.01 or >= 10_000
            ? value.ToString("0.0#E+0", CultureInfo.InvariantCulture)
            : value.ToString("G3", CultureInfo.InvariantCulture);
    }
}
