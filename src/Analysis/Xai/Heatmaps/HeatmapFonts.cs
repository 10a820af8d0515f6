using SkiaSharp;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>The typefaces and paints of a drawn image (heatmaps, region maps): DejaVu Sans (Debian's fonts-dejavu) or the system's default.</summary>
public sealed class HeatmapFonts : IDisposable
{
    private readonly SKTypeface _regular = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
    private readonly SKTypeface _bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? SKTypeface.Default;

    public HeatmapFonts()
    {
        Title = new SKFont(_bold, 15);
        Small = new SKFont(_regular, 11);
        Text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        Dim = new SKPaint { Color = new SKColor(0xC8, 0xC8, 0xC8), IsAntialias = true };
        Ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
    }

    public SKFont Title { get; }

    public SKFont Small { get; }

    public SKPaint Text { get; }

    public SKPaint Dim { get; }

    /// <summary>Black text, for images on a white background.</summary>
    public SKPaint Ink { get; }

    public void Dispose()
    {
        Title.Dispose();
        Small.Dispose();
        Text.Dispose();
        Dim.Dispose();
        Ink.Dispose();
        _regular.Dispose();
        _bold.Dispose();
    }
}
