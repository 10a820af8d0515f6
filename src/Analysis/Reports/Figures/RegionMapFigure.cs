using System.Runtime.InteropServices;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using SkiaSharp;

namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>
/// A regional analysis on brain slices, in the spirit of ggseg's figures: every region of a label volume (aparc+aseg:
/// DK cortex and aseg structures) that has a result is filled with the colour of its r (the lollipop's
/// scale_fill_gradient2), other brain labels are light grey, and regions that survive correction are outlined in black;
/// axial, coronal and sagittal rows with slice coordinates, side letters and a colour bar. Slices are nearest-voxel, so
/// each region keeps its exact extent in the label volume.
/// </summary>
public static class RegionMapFigure
{
    private const int Width = 860;
    private const int SlicesPerRow = 6;
    private const int Margin = 10;
    private const int TitleHeight = 44;
    private const uint White = 0xFFFFFFFF;
    private const uint Grey = 0xFFD9D9D9;
    private const uint Outline = 0xFF000000;

    public static string File(RegionalAnalysis analysis) => $"figures/{analysis.Id}_region_map.png";

    /// <returns>The figure, or null when no tested region has a code in the label volume.</returns>
    public static ReportFigure? Create(RegionalAnalysis analysis, RegionLabelImage labels)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(labels);
        var results = analysis.Tested.Where(r => r.Label is not null).GroupBy(r => r.Label!.Value).ToDictionary(g => g.Key, g => g.First());
        if (results.Count == 0) return null;
        var limit = results.Values.Max(r => Math.Abs(r.R));

        var grid = new DisplayGrid(labels.Labels, $"region map labels ({labels.Source})");
        var voxels = labels.Labels.Memory[..grid.VoxelCount];
        var mosaic = new SliceMosaic(grid, grid.BoundingBox(voxels.Span, 0.5f), SlicesPerRow, Width - 3 * Margin - ColourBar.Width);
        var width = Margin + mosaic.Width + Margin + ColourBar.Width + Margin;
        var height = TitleHeight + mosaic.Height + Margin;

        // First the label under every pixel, then its colour, outlining survivors where a neighbouring pixel differs.
        var pixelLabels = new uint[width * height];
        mosaic.Paint(pixelLabels, width, Margin, TitleHeight, index => (uint)Math.Max(0, (int)voxels.Span[index]));
        using var image = new RenderedImage(new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque)));
        var pixels = MemoryMarshal.Cast<byte, uint>(image.Bitmap.GetPixelSpan());
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var label = pixelLabels[y * width + x];
            pixels[y * width + x] = label == 0 ? White
                : !results.TryGetValue((int)label, out var result) ? Grey
                : result.Significant && IsEdge(pixelLabels, width, height, x, y) ? Outline
                : Colour(result.R, limit);
        }
        using (var canvas = new SKCanvas(image.Bitmap))
        using (var fonts = new HeatmapFonts())
        {
            canvas.DrawText(analysis.Title, Margin, 20, SKTextAlign.Left, fonts.Title, fonts.Ink);
            canvas.DrawText($"r per region on {labels.Source}; outlined: p < {ReportNumbers.Short(analysis.Alpha)} after {analysis.Correction}; grey: not tested",
                Margin, 38, SKTextAlign.Left, fonts.Small, fonts.Ink);
            mosaic.Label(canvas, Margin, TitleHeight, fonts.Small, fonts.Ink);
            ColourBar.Draw(canvas, Margin + mosaic.Width + Margin, TitleHeight, mosaic.Height - SliceMosaic.LabelHeight, limit, signed: true, "Pearson r",
                unit => ToSk(FigureStyle.Diverging(unit, 1)), fonts.Small, fonts.Ink);
        }
        return new ReportFigure(File(analysis), $"{analysis.Title}: region map",
            $"{analysis.Question} Each of the {results.Count} tested regions with a label in {labels.Source} is coloured by its r (red negative, blue positive, " +
            "as the original's ggseg figures); regions outlined in black survive correction; grey brain regions were not tested.",
            image.Encode(ImageEncoding.Png));
    }

    private static bool IsEdge(uint[] labels, int width, int height, int x, int y)
    {
        var label = labels[y * width + x];
        return (x > 0 && labels[y * width + x - 1] != label) || (x < width - 1 && labels[y * width + x + 1] != label)
            || (y > 0 && labels[(y - 1) * width + x] != label) || (y < height - 1 && labels[(y + 1) * width + x] != label);
    }

    private static uint Colour(double r, double limit)
    {
        var (red, green, blue) = FigureStyle.Diverging(r, limit);
        return 0xFF000000u | ((uint)red << 16) | ((uint)green << 8) | blue;
    }

    private static SKColor ToSk((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);
}
