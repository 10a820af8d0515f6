using System.Globalization;
using SkiaSharp;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>One row of a mosaic: its plane, the display positions of its slices and their world coordinates (mm).</summary>
public sealed record MosaicRow(SlicePlane Plane, IReadOnlyList<int> Slices, IReadOnlyList<double> Coordinates, int PanelWidth, int PanelHeight, int Top);

/// <summary>
/// Axial, coronal and sagittal rows of slices spanning a box (the brain), laid out at one scale in mm so every panel
/// keeps the anatomy's proportions whatever the voxel sizes. Slices sit at (i + 1)/(n + 1) of the box along the fixed
/// axis; each panel shows the box in plane with a small margin. Pixels take the nearest voxel, so relevance is never
/// smoothed. Under each panel its world coordinate is written (nilearn's <c>z=24</c>), and the first panel of a row
/// names its left and right sides.
/// </summary>
public sealed class SliceMosaic
{
    public const int Gap = 4;
    public const int LabelHeight = 15;
    private const double MarginMm = 4;

    private readonly DisplayGrid _grid;
    private readonly DisplayBox _crop;
    private readonly double _pixelsPerMm;

    /// <param name="grid">The image's display grid.</param>
    /// <param name="box">Where the brain is, in display positions (see <see cref="DisplayGrid.BoundingBox"/>).</param>
    /// <param name="slicesPerRow">Panels per row, at least 1.</param>
    /// <param name="width">Width in pixels the widest row must fit.</param>
    public SliceMosaic(DisplayGrid grid, DisplayBox box, int slicesPerRow, int width)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (slicesPerRow < 1) throw new ArgumentOutOfRangeException(nameof(slicesPerRow), slicesPerRow, "at least one slice per row");
        if (width < slicesPerRow * 8) throw new ArgumentOutOfRangeException(nameof(width), width, $"too narrow for {slicesPerRow} panels");
        _grid = grid;
        _crop = Widen(grid, box);
        var widestMm = SlicePlanes.All.Max(p => ExtentMm(p.Axes().Horizontal));
        _pixelsPerMm = (width - (slicesPerRow - 1) * Gap) / (slicesPerRow * widestMm);

        var rows = new List<MosaicRow>();
        var top = 0;
        foreach (var plane in SlicePlanes.All)
        {
            var (fixedAxis, horizontal, vertical) = plane.Axes();
            var slices = Enumerable.Range(1, slicesPerRow)
                .Select(i => box.Low(fixedAxis) + (int)Math.Round((box.High(fixedAxis) - box.Low(fixedAxis)) * i / (double)(slicesPerRow + 1)))
                .ToList();
            var panelWidth = Math.Max(1, (int)Math.Floor(ExtentMm(horizontal) * _pixelsPerMm));
            var panelHeight = Math.Max(1, (int)Math.Floor(ExtentMm(vertical) * _pixelsPerMm));
            rows.Add(new MosaicRow(plane, slices, slices.Select(s => grid.WorldCoordinate(fixedAxis, s)).ToList(), panelWidth, panelHeight, top));
            top += panelHeight + LabelHeight + Gap;
        }
        Rows = rows;
        Width = rows.Max(r => r.Slices.Count * r.PanelWidth + (r.Slices.Count - 1) * Gap);
        Height = top - Gap;
    }

    public IReadOnlyList<MosaicRow> Rows { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// Paints every panel into <paramref name="pixels"/> (BGRA words, rows of <paramref name="stride"/> words, the
    /// mosaic's top-left at (<paramref name="left"/>, <paramref name="top"/>)); <paramref name="colourOf"/> gives the
    /// colour of a voxel by its flat index on the grid.
    /// </summary>
    public void Paint(Span<uint> pixels, int stride, int left, int top, Func<int, uint> colourOf)
    {
        var buffer = pixels;
        Span<int> position = stackalloc int[3];
        foreach (var row in Rows)
        {
            var (fixedAxis, horizontal, vertical) = row.Plane.Axes();
            var columns = Columns(horizontal, row.PanelWidth);
            var lines = Lines(vertical, row.PanelHeight);
            for (var panel = 0; panel < row.Slices.Count; panel++)
            {
                var slice = row.Slices[panel];
                var x0 = left + panel * (row.PanelWidth + Gap);
                for (var py = 0; py < row.PanelHeight; py++)
                {
                    var line = buffer.Slice((top + row.Top + py) * stride + x0, row.PanelWidth);
                    for (var px = 0; px < row.PanelWidth; px++)
                    {
                        position[fixedAxis] = slice;
                        position[horizontal] = columns[px];
                        position[vertical] = lines[py];
                        line[px] = colourOf(_grid.Index(position[0], position[1], position[2]));
                    }
                }
            }
        }
    }

    /// <summary>Writes each panel's world coordinate below it and the side letters on each row's first panel.</summary>
    public void Label(SKCanvas canvas, float left, float top, SKFont font, SKPaint paint)
    {
        foreach (var row in Rows)
        {
            var (sideLeft, sideRight) = row.Plane.SideLetters();
            var middle = top + row.Top + row.PanelHeight / 2f + font.Size / 2.5f;
            canvas.DrawText(sideLeft, left + 2, middle, SKTextAlign.Left, font, paint);
            canvas.DrawText(sideRight, left + row.PanelWidth - 2, middle, SKTextAlign.Right, font, paint);
            for (var panel = 0; panel < row.Slices.Count; panel++)
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{row.Plane.CoordinateName()}={row.Coordinates[panel]:0}");
                var x = left + panel * (row.PanelWidth + Gap) + row.PanelWidth / 2f;
                canvas.DrawText(text, x, top + row.Top + row.PanelHeight + LabelHeight - 4, SKTextAlign.Center, font, paint);
            }
        }
    }

    private double ExtentMm(int axis) => (_crop.High(axis) - _crop.Low(axis) + 1) * _grid.Zoom(axis);

    /// <summary>Display position along <paramref name="axis"/> of each pixel column, left to right.</summary>
    private int[] Columns(int axis, int pixels)
    {
        var positions = new int[pixels];
        for (var p = 0; p < pixels; p++) positions[p] = Position(axis, p, pixels, upwards: false);
        return positions;
    }

    /// <summary>Display position along <paramref name="axis"/> of each pixel row, top to bottom (the axis points up).</summary>
    private int[] Lines(int axis, int pixels)
    {
        var positions = new int[pixels];
        for (var p = 0; p < pixels; p++) positions[p] = Position(axis, p, pixels, upwards: true);
        return positions;
    }

    private int Position(int axis, int pixel, int pixels, bool upwards)
    {
        var count = _crop.High(axis) - _crop.Low(axis) + 1;
        var offset = Math.Min(count - 1, (int)((pixel + 0.5) * count / pixels));
        return upwards ? _crop.High(axis) - offset : _crop.Low(axis) + offset;
    }

    /// <summary>The box with a margin of a few millimetres, kept inside the grid.</summary>
    private static DisplayBox Widen(DisplayGrid grid, DisplayBox box)
    {
        int Lo(int axis) => Math.Max(0, box.Low(axis) - (int)Math.Ceiling(MarginMm / grid.Zoom(axis)));
        int Hi(int axis) => Math.Min(grid.Extent(axis) - 1, box.High(axis) + (int)Math.Ceiling(MarginMm / grid.Zoom(axis)));
        return new DisplayBox(Lo(0), Hi(0), Lo(1), Hi(1), Lo(2), Hi(2));
    }
}
