using System.IO.Compression;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>The heatmap PNG: a valid PNG of three slice panels, coloured by the black–fire–red map.</summary>
public sealed class HeatmapTests
{
    [Fact]
    public void Png_is_readable_back_to_the_same_pixels()
    {
        var rgb = Enumerable.Range(0, 5 * 3 * 3).Select(i => (byte)(i * 5)).ToArray();

        var png = PngWriter.Encode(rgb, 5, 3);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(5, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(3, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rows = raw.ToArray();
        for (var y = 0; y < 3; y++)
        {
            Assert.Equal(0, rows[y * 16]);
            Assert.Equal(rgb[(y * 15)..(y * 15 + 15)], rows[(y * 16 + 1)..(y * 16 + 16)]);
        }
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Fact]
    public void Color_map_is_black_at_zero_fire_for_positive_and_blue_for_negative()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)0), BlackFireRedColorMap.Map(0));
        Assert.Equal(((byte)255, (byte)0, (byte)0), BlackFireRedColorMap.Map(1.0 / 3));
        Assert.Equal(((byte)255, (byte)255, (byte)255), BlackFireRedColorMap.Map(1));
        Assert.Equal(((byte)0, (byte)0, (byte)255), BlackFireRedColorMap.Map(-1.0 / 3));
    }

    [Fact]
    public void Clipping_bound_is_the_larger_magnitude_of_the_1_and_99_percent_quantiles()
    {
        var values = Enumerable.Range(0, 101).Select(i => (float)(i - 20)).ToArray(); // −20 … 80

        var clip = RelevanceHeatmap.Clip(values);

        Assert.Equal(79.0, clip, 1e-9);
    }

    [Fact]
    public void Heatmap_has_axial_coronal_and_sagittal_panels_side_by_side()
    {
        int nx = 8, ny = 6, nz = 4;
        var image = Enumerable.Range(0, nx * ny * nz).Select(i => (float)i).ToArray();
        var relevance = new float[image.Length];
        relevance[3 + nx * (2 + ny * 1)] = 5f;

        var png = RelevanceHeatmap.Render(image, relevance, nx, ny, nz);

        var scale = 256 / 8;
        Assert.Equal((nx + nx + ny) * scale, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(Math.Max(ny, nz) * scale, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
