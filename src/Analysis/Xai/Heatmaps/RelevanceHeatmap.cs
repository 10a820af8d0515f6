namespace RelevanceRelated.Analysis.Xai.Heatmaps;

/// <summary>
/// A PNG of relevance over the image: axial, coronal and sagittal slices through the voxel of largest |relevance|,
/// side by side. Relevance is clipped symmetrically at the larger magnitude of its 1 % and 99 % quantiles, scaled
/// to [−1, 1], gamma-corrected (|r|^0.2, sign kept) and coloured black–fire–red; it is blended over the grey image
/// with opacity |r|. Volumes are x-fastest (NIfTI order); slices are drawn with the first in-plane axis to the
/// right and the second upwards.
/// </summary>
public static class RelevanceHeatmap
{
    public const double Gamma = 0.2;
    public const double ClipQuantile = 0.01;

    public static byte[] Render(ReadOnlySpan<float> image, ReadOnlySpan<float> relevance, int nx, int ny, int nz)
    {
        var count = nx * ny * nz;
        if (image.Length != count || relevance.Length != count)
            throw new ArgumentException($"Heatmap: image ({image.Length}) and relevance ({relevance.Length}) must both have {count} voxels.");

        var peak = 0;
        for (var i = 1; i < count; i++) if (Math.Abs(relevance[i]) > Math.Abs(relevance[peak])) peak = i;
        int px = peak % nx, py = peak / nx % ny, pz = peak / (nx * ny);

        var clip = Clip(relevance);
        var (low, high) = GreyRange(image);
        int Index(int x, int y, int z) => x + nx * (y + ny * z);

        // Panels: axial (x right, y up) at z = pz; coronal (x right, z up) at y = py; sagittal (y right, z up) at x = px.
        (int W, int H, Func<int, int, int> At)[] panels =
        [
            (nx, ny, (u, v) => Index(u, v, pz)),
            (nx, nz, (u, v) => Index(u, py, v)),
            (ny, nz, (u, v) => Index(px, u, v)),
        ];
        var scale = Math.Max(1, 256 / Math.Max(Math.Max(nx, ny), nz));
        var width = panels.Sum(p => p.W) * scale;
        var height = panels.Max(p => p.H) * scale;
        var rgb = new byte[width * height * 3];
        var left = 0;
        var img = image.ToArray();
        var rel = relevance.ToArray();
        foreach (var (w, h, at) in panels)
        {
            for (var v = 0; v < h; v++)
            for (var u = 0; u < w; u++)
            {
                var i = at(u, v);
                var grey = high > low ? Math.Clamp((img[i] - low) / (high - low), 0, 1) : 0;
                var r = clip > 0 ? Math.Clamp(rel[i] / clip, -1, 1) : 0;
                r = Math.Sign(r) * Math.Pow(Math.Abs(r), Gamma);
                var (cr, cg, cb) = BlackFireRedColorMap.Map(r);
                var alpha = Math.Abs(r);
                var pixel = (
                    R: (byte)Math.Round((1 - alpha) * grey * 255 + alpha * cr),
                    G: (byte)Math.Round((1 - alpha) * grey * 255 + alpha * cg),
                    B: (byte)Math.Round((1 - alpha) * grey * 255 + alpha * cb));
                for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++)
                {
                    var row = height - 1 - (v * scale + dy);
                    var o = (row * width + left + u * scale + dx) * 3;
                    rgb[o] = pixel.R;
                    rgb[o + 1] = pixel.G;
                    rgb[o + 2] = pixel.B;
                }
            }
            left += w * scale;
        }
        return PngWriter.Encode(rgb, width, height);
    }

    /// <summary>max(|q₁|, |q₉₉|) of the relevance: the symmetric clipping bound (max |r| if that is 0).</summary>
    public static double Clip(ReadOnlySpan<float> relevance)
    {
        var sorted = relevance.ToArray();
        Array.Sort(sorted);
        var bound = Math.Max(Math.Abs(Quantile(sorted, ClipQuantile)), Math.Abs(Quantile(sorted, 1 - ClipQuantile)));
        // A map that is zero on more than 98 % of the voxels (a small focus) falls back to its largest magnitude.
        return bound > 0 ? bound : Math.Max(Math.Abs(sorted[0]), Math.Abs(sorted[^1]));
    }

    private static (double Low, double High) GreyRange(ReadOnlySpan<float> image)
    {
        var sorted = image.ToArray();
        Array.Sort(sorted);
        return (Quantile(sorted, 0.01), Quantile(sorted, 0.99));
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    private static double Quantile(float[] sorted, double q)
    {
        if (sorted.Length == 0) return 0;
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
