using System.Runtime.InteropServices;
using RelevanceRelated.Analysis.Imaging;
using SkiaSharp;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// A heatmap as xai4mri and iNNvestigate draw relevance: an overlay (a relevance map, a cohort mean, voxel-wise r or
/// −log10 p) blended over the subject's anatomy, <c>(1 − α)·grey + α·colour</c> with the colour and α of
/// <see cref="HeatmapScale"/>, in a mosaic of axial, coronal and sagittal slices spanning the brain
/// (<see cref="SliceMosaic"/>), with a title, side letters, slice coordinates and a colour bar with units.
/// The anatomy is scaled to [0, 1] between min(0, its minimum) and the 99.5th percentile of its non-zero voxels
/// (xai4mri divides by the maximum, which for a native T1 lets a few bright voxels darken the whole brain).
/// </summary>
public static class RelevanceHeatmap
{
    public const int DefaultSlicesPerRow = 7;
    public const int DefaultWidth = 900;
    private const int Margin = 10;
    private const int TitleHeight = 44;

    /// <summary>Anatomy above this share of its 99.5th percentile marks the brain the slices span.</summary>
    private const float BrainShare = 0.1f;

    /// <param name="background">The anatomy (e.g. the subject's T1); its first frame is drawn.</param>
    /// <param name="overlay">Values on the background's grid (as many as one frame has voxels).</param>
    /// <param name="scale">Colour, opacity and colour-bar limits of the overlay.</param>
    /// <param name="title">The first title line (e.g. subject, age, prediction).</param>
    /// <param name="subtitle">The second line (e.g. model and rule), or null.</param>
    /// <param name="what">Names the images in errors.</param>
    /// <exception cref="InvalidInputException">The overlay is not on the background's grid, or the background has no orientation.</exception>
    public static RenderedImage Render(Volume background, ReadOnlyMemory<float> overlay, HeatmapScale scale, string title, string? subtitle,
        string what, int slicesPerRow = DefaultSlicesPerRow, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(scale);
        var grid = new DisplayGrid(background, what);
        if (overlay.Length != grid.VoxelCount)
            throw new InvalidInputException($"{what}: the overlay has {overlay.Length} voxels but the image it is drawn on has {grid.VoxelCount} ({background.Nx}×{background.Ny}×{background.Nz}); they must share a grid.");
        var anatomy = background.Memory[..grid.VoxelCount];
        var (low, high) = GreyRange(anatomy.Span);
        var box = grid.BoundingBox(anatomy.Span, (float)(low + BrainShare * (high - low)));
        var mosaic = new SliceMosaic(grid, box, slicesPerRow, width - 2 * Margin - ColourBar.Width - Margin);

        var imageWidth = Margin + mosaic.Width + Margin + ColourBar.Width + Margin;
        var imageHeight = TitleHeight + mosaic.Height + Margin;
        var bitmap = new SKBitmap(new SKImageInfo(imageWidth, imageHeight, SKColorType.Bgra8888, SKAlphaType.Opaque));
        try
        {
            var pixels = MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan());
            pixels.Fill(Black);
            var range = high > low ? high - low : 1;
            mosaic.Paint(pixels, imageWidth, Margin, TitleHeight, index =>
            {
                var grey = Math.Clamp((anatomy.Span[index] - low) / range, 0, 1);
                var (r, g, b, alpha) = scale.Colour(overlay.Span[index]);
                return Bgra(Blend(grey, r, alpha), Blend(grey, g, alpha), Blend(grey, b, alpha));
            });
            using var canvas = new SKCanvas(bitmap);
            using var fonts = new HeatmapFonts();
            canvas.DrawText(title, Margin, 20, SKTextAlign.Left, fonts.Title, fonts.Text);
            if (subtitle is not null) canvas.DrawText(subtitle, Margin, 38, SKTextAlign.Left, fonts.Small, fonts.Dim);
            mosaic.Label(canvas, Margin, TitleHeight, fonts.Small, fonts.Text);
            ColourBar.Draw(canvas, Margin + mosaic.Width + Margin, TitleHeight, mosaic.Height - SliceMosaic.LabelHeight, scale.Limit, scale.Signed,
                scale.Units, unit => ToColour(BlackFireRedColorMap.Map(unit)), fonts.Small, fonts.Text);
            return new RenderedImage(bitmap);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>min(0, minimum) and the 99.5th percentile of the non-zero voxels.</summary>
    public static (double Low, double High) GreyRange(ReadOnlySpan<float> anatomy)
    {
        var min = 0f;
        foreach (var v in anatomy) if (v < min) min = v;
        var high = Percentile.Of(anatomy, 99.5, PercentileScope.NonZero);
        return (min, double.IsNaN(high) ? 1 : high);
    }

    private const uint Black = 0xFF000000;

    private static byte Blend(double grey, byte colour, double alpha) => (byte)Math.Round((1 - alpha) * grey * 255 + alpha * colour);

    /// <summary>A BGRA word as the bitmap stores it (little-endian: 0xAARRGGBB).</summary>
    internal static uint Bgra(byte r, byte g, byte b) => 0xFF000000u | ((uint)r << 16) | ((uint)g << 8) | b;

    private static SKColor ToColour((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);
}
