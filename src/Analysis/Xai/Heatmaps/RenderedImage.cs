using SkiaSharp;

namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>A drawn image (heatmap or region map) held as pixels until it is encoded; dispose it after encoding.</summary>
public sealed class RenderedImage : IDisposable
{
    /// <summary>WebP quality: at 85 the slices' edges stay sharp and a 7 × 3 mosaic takes tens of kilobytes.</summary>
    public const int WebpQuality = 85;

    /// <summary>Takes ownership of <paramref name="bitmap"/>.</summary>
    public RenderedImage(SKBitmap bitmap) => Bitmap = bitmap ?? throw new ArgumentNullException(nameof(bitmap));

    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>The colour at (x, y) as (R, G, B).</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var c = Bitmap.GetPixel(x, y);
        return (c.Red, c.Green, c.Blue);
    }

    public byte[] Encode(ImageEncoding encoding)
    {
        using var image = SKImage.FromBitmap(Bitmap);
        using var data = encoding == ImageEncoding.Png ? image.Encode(SKEncodedImageFormat.Png, 100) : image.Encode(SKEncodedImageFormat.Webp, WebpQuality);
        return data.ToArray();
    }

    public void Dispose() => Bitmap.Dispose();
}
