using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// Heatmaps as xai4mri draws them: its colour map and relevance scale (numpy references in Data/heatmaps/reference.py),
/// slices read in RAS display order as nibabel's as_closest_canonical, and a mosaic that puts colour where relevance is.
/// </summary>
public sealed class HeatmapTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data", "heatmaps", "expected.json"))).RootElement;

    [Theory]
    [InlineData(0.0, 0, 0, 0)]
    [InlineData(0.125, 128, 0, 0)]
    [InlineData(0.25, 255, 0, 0)]
    [InlineData(0.5, 255, 255, 0)]
    [InlineData(0.75, 255, 255, 128)]
    [InlineData(1.0, 255, 255, 255)]
    [InlineData(-0.25, 0, 0, 255)]
    [InlineData(-0.5, 0, 255, 255)]
    [InlineData(-1.0, 255, 255, 255)]
    public void Colour_map_is_xai4mri_black_fire_red(double value, byte r, byte g, byte b)
    {
        Assert.Equal((r, g, b), BlackFireRedColorMap.Map(value));
    }

    [Fact]
    public void Relevance_scale_clips_symmetrically_at_the_0_01_percent_tails_as_xai4mri()
    {
        using var t1 = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var signed = t1.Data.ToArray();
        for (var i = 0; i < signed.Length; i++) signed[i] = signed[i] > 0 ? signed[i] - 50 : 0;
        signed.AsSpan(1000, 10).Fill(1000);
        signed.AsSpan(2000, 10).Fill(-1000);

        var signedScale = HeatmapScale.ForRelevance(signed);
        var positiveScale = HeatmapScale.ForRelevance(t1.Data);

        Assert.Equal(Expected.GetProperty("signed_limit").GetDouble(), signedScale.Limit, 1e-9);
        Assert.Equal(Expected.GetProperty("positive_limit").GetDouble(), positiveScale.Limit, 1e-9);
        Assert.True(signedScale.Signed);
        Assert.Equal(HeatmapScale.RelevanceGamma, signedScale.Gamma);
    }

    [Fact]
    public void Opacity_is_the_scaled_magnitude_to_the_power_gamma_and_zero_relevance_leaves_the_anatomy()
    {
        var scale = new HeatmapScale(Limit: 2, Gamma: 0.2, Units: "u", Signed: true);

        Assert.Equal(Math.Pow(0.25, 0.2), scale.Colour(0.5f).Alpha, 1e-12);
        Assert.Equal((byte)255, scale.Colour(0.5f).R);
        Assert.Equal(1, scale.Colour(-7f).Alpha, 1e-12);
        Assert.Equal(0, scale.Colour(0f).Alpha);
        Assert.Equal(0, scale.Colour(float.NaN).Alpha);
    }

    [Fact]
    public void Voxels_below_a_significance_threshold_are_not_drawn()
    {
        var scale = HeatmapScale.ForNegLog10P([0f, 0.5f, 3f], threshold: -Math.Log10(0.05));

        Assert.Equal(0, scale.Colour(0.5f).Alpha);
        Assert.Equal(1, scale.Colour(3f).Alpha, 1e-12);
        Assert.False(scale.Signed);
    }

    [Fact]
    public void Display_order_reads_an_LIA_volume_as_nibabel_closest_canonical_RAS()
    {
        using var brain = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        var grid = new DisplayGrid(brain, "brain.mgz");

        Assert.Equal(Expected.GetProperty("bert_codes").GetString(), Orientation.AxisCodes(brain));
        var positions = Expected.GetProperty("bert_positions").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
        var values = Expected.GetProperty("bert_values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        for (var i = 0; i < positions.Count; i++)
            Assert.Equal(values[i], brain.Data[grid.Index(positions[i][0], positions[i][1], positions[i][2])]);
        var world = Expected.GetProperty("bert_world").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(world[0], grid.WorldCoordinate(0, 90), 1e-4);
        Assert.Equal(world[1], grid.WorldCoordinate(1, 150), 1e-4);
        Assert.Equal(world[2], grid.WorldCoordinate(2, 120), 1e-4);
    }

    [Fact]
    public void Slices_span_the_brain_in_three_rows_of_equal_scale()
    {
        using var brain = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        var grid = new DisplayGrid(brain, "brain.mgz");
        var box = grid.BoundingBox(brain.Data, 0);

        var mosaic = new SliceMosaic(grid, box, slicesPerRow: 5, width: 600);

        Assert.Equal([SlicePlane.Axial, SlicePlane.Coronal, SlicePlane.Sagittal], mosaic.Rows.Select(r => r.Plane));
        foreach (var row in mosaic.Rows)
        {
            var fixedAxis = row.Plane.Axes().Fixed;
            Assert.Equal(5, row.Slices.Count);
            Assert.All(row.Slices, s => Assert.InRange(s, box.Low(fixedAxis) + 1, box.High(fixedAxis) - 1));
            Assert.Equal(row.Slices.Order(), row.Slices);
        }
        Assert.True(mosaic.Width <= 600);
        // 1 mm isotropic: the axial panel's width (L–R) equals the coronal panel's, and its height (A–P) the sagittal's width.
        Assert.Equal(mosaic.Rows[0].PanelWidth, mosaic.Rows[1].PanelWidth);
        Assert.Equal(mosaic.Rows[0].PanelHeight, mosaic.Rows[2].PanelWidth);
    }

    [Fact]
    public void A_relevance_focus_is_drawn_in_fire_colours_where_it_lies_and_the_anatomy_stays_grey_elsewhere()
    {
        using var t1 = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var grid = new DisplayGrid(t1, "IXI013");
        var box = grid.BoundingBox(t1.Data, 0);
        // A 9 × 9-voxel column of relevance +1 through the brain's centre, top to bottom: every axial slice cuts it.
        var relevance = new float[t1.SpatialCount];
        int cr = (box.R0 + box.R1) / 2, ca = (box.A0 + box.A1) / 2;
        for (var dr = -4; dr <= 4; dr++)
        for (var da = -4; da <= 4; da++)
        for (var s = box.S0; s <= box.S1; s++)
            relevance[grid.Index(cr + dr, ca + da, s)] = 1f;

        using var image = RelevanceHeatmap.Render(t1, relevance, new HeatmapScale(1, 0.2, "u", Signed: true), "IXI013", "test", "IXI013");

        var mosaic = new SliceMosaic(grid, grid.BoundingBox(t1.Data, (float)(0.1 * RelevanceHeatmap.GreyRange(t1.Data).High)), RelevanceHeatmap.DefaultSlicesPerRow,
            RelevanceHeatmap.DefaultWidth - 2 * 10 - ColourBar.Width - 10);
        var axial = mosaic.Rows[0];
        var middle = axial.Slices.Count / 2;
        // The focus spans the whole height of the brain, so the middle axial panel shows it at its centre: white (+1).
        var x = 10 + middle * (axial.PanelWidth + SliceMosaic.Gap) + axial.PanelWidth / 2;
        var y = 44 + axial.Top + axial.PanelHeight / 2;
        var hot = Enumerable.Range(-3, 7).Select(d => image.Pixel(x + d, y)).ToList();
        Assert.Contains((byte)255, hot.Select(p => p.R));
        Assert.Contains(hot, p => p is { R: 255, G: 255, B: 255 });
        // A panel's corner lies outside the brain: black anatomy, no relevance.
        Assert.Equal(((byte)0, (byte)0, (byte)0), image.Pixel(10 + 1, 44 + axial.Top + 1));
        // Elsewhere in the middle panel the anatomy shows through as grey (R = G = B, neither black nor white).
        var panel = Enumerable.Range(0, axial.PanelWidth).Select(u => image.Pixel(x - axial.PanelWidth / 2 + u, 44 + axial.Top + axial.PanelHeight / 3));
        Assert.Contains(panel, p => p.R == p.G && p.G == p.B && p.R is > 30 and < 230);
    }

    [Fact]
    public void The_colour_bar_runs_from_white_through_black_to_white_with_fire_above_and_blue_below()
    {
        using var t1 = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));

        using var image = RelevanceHeatmap.Render(t1, new float[t1.SpatialCount], new HeatmapScale(1, 0.2, "u", Signed: true), "title", null, "IXI013");

        var barX = image.Width - 10 - ColourBar.Width + ColourBar.BarWidth / 2;
        var column = Enumerable.Range(44, image.Height - 44 - 10 - SliceMosaic.LabelHeight).Select(y => image.Pixel(barX, y)).ToList();
        var top = column[2];
        var middle = column[column.Count / 2];
        var upper = column[column.Count * 3 / 8];
        var lower = column[column.Count * 5 / 8];
        Assert.True(top.R > 240 && top.G > 240 && top.B > 200, $"top {top}");
        Assert.True(middle.R < 20 && middle.G < 20 && middle.B < 20, $"middle {middle}");
        Assert.True(upper.R > 200 && upper.B < 20, $"upper quarter {upper}");
        Assert.True(lower.B > 200 && lower.R < 20, $"lower quarter {lower}");
    }

    [Fact]
    public void An_overlay_on_another_grid_is_refused_naming_both_sizes()
    {
        using var t1 = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));

        var error = Assert.Throws<InvalidInputException>(() => RelevanceHeatmap.Render(t1, new float[10], new HeatmapScale(1, 1, "u", true), "t", null, "sub-01 relevance"));

        Assert.Contains("sub-01 relevance", error.Message);
        Assert.Contains("10 voxels", error.Message);
        Assert.Contains("256×256×256", error.Message);
    }

    [Fact]
    public void Encoded_images_are_png_or_webp_files_of_the_drawn_size()
    {
        using var t1 = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        using var image = RelevanceHeatmap.Render(t1, t1.Memory[..t1.SpatialCount], HeatmapScale.ForRelevance(t1.Data), "t", "s", "IXI013");

        var png = image.Encode(ImageEncoding.Png);
        var webp = image.Encode(ImageEncoding.Webp);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(image.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(webp, 0, 4));
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(webp, 8, 4));
        if (Environment.GetEnvironmentVariable("RELEVANCERELATED_KEEP_TEST_OUTPUT") is { Length: > 0 })
            File.WriteAllBytes(Path.Combine(TestData.NewTempDirectory("rr-heatmap"), "ixi.png"), png);
    }
}
