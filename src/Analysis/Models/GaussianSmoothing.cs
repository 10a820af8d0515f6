using System.Numerics;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Separable Gaussian smoothing of a 3-D block as scipy.ndimage's <c>gaussian_filter</c> (mode "reflect":
/// d c b a | a b c d | d c b a; kernel radius ⌊truncate·σ + 0.5⌋; weights normalised to sum 1).
/// Each pass is a sum of shifted, weighted copies of whole rows or planes, so the inner loop is vectorised.
/// </summary>
internal static class GaussianSmoothing
{
    /// <summary>The normalised kernel for one axis (length 2r + 1).</summary>
    public static float[] Kernel(double sigma, double truncate)
    {
        var radius = (int)(truncate * sigma + 0.5);
        var w = new double[2 * radius + 1];
        double sum = 0;
        for (var i = -radius; i <= radius; i++) sum += w[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
        return w.Select(v => (float)(v / sum)).ToArray();
    }

    /// <summary>Smooths <paramref name="data"/> (x fastest, shape <paramref name="s"/>) in place with per-axis σ in voxels.</summary>
    public static void Smooth(float[] data, (int X, int Y, int Z) s, (double X, double Y, double Z) sigma, double truncate, float[] scratch)
    {
        PassX(data, scratch, s, Kernel(sigma.X, truncate));
        PassY(scratch, data, s, Kernel(sigma.Y, truncate));
        PassZ(data, scratch, s, Kernel(sigma.Z, truncate));
        scratch.AsSpan(0, s.X * s.Y * s.Z).CopyTo(data);
    }

    /// <summary>scipy's "reflect" index for any i (period 2n).</summary>
    public static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        var period = 2 * n;
        i %= period;
        if (i < 0) i += period;
        return i < n ? i : period - 1 - i;
    }

    private static void PassX(float[] src, float[] dst, (int X, int Y, int Z) s, float[] k)
    {
        var r = k.Length / 2;
        Parallel.For(0, s.Z, z =>
        {
            var padded = new float[s.X + 2 * r];
            for (var y = 0; y < s.Y; y++)
            {
                var off = s.X * (y + s.Y * z);
                var row = src.AsSpan(off, s.X);
                for (var i = 0; i < padded.Length; i++) padded[i] = row[Reflect(i - r, s.X)];
                var output = dst.AsSpan(off, s.X);
                output.Clear();
                for (var j = 0; j < k.Length; j++) AddScaled(output, padded.AsSpan(j, s.X), k[j]);
            }
        });
    }

    private static void PassY(float[] src, float[] dst, (int X, int Y, int Z) s, float[] k)
    {
        var r = k.Length / 2;
        Parallel.For(0, s.Z, z =>
        {
            var plane = s.X * s.Y * z;
            for (var y = 0; y < s.Y; y++)
            {
                var output = dst.AsSpan(plane + s.X * y, s.X);
                output.Clear();
                for (var j = 0; j < k.Length; j++)
                    AddScaled(output, src.AsSpan(plane + s.X * Reflect(y + j - r, s.Y), s.X), k[j]);
            }
        });
    }

    private static void PassZ(float[] src, float[] dst, (int X, int Y, int Z) s, float[] k)
    {
        var r = k.Length / 2;
        var planeSize = s.X * s.Y;
        Parallel.For(0, s.Z, z =>
        {
            var output = dst.AsSpan(planeSize * z, planeSize);
            output.Clear();
            for (var j = 0; j < k.Length; j++)
                AddScaled(output, src.AsSpan(planeSize * Reflect(z + j - r, s.Z), planeSize), k[j]);
        });
    }

    /// <summary>dst += w · src.</summary>
    internal static void AddScaled(Span<float> dst, ReadOnlySpan<float> src, float w)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vw = new Vector<float>(w);
            var n = Vector<float>.Count;
            for (; i <= dst.Length - n; i += n)
                (new Vector<float>(dst[i..]) + vw * new Vector<float>(src[i..])).CopyTo(dst[i..]);
        }
        for (; i < dst.Length; i++) dst[i] += w * src[i];
    }
}
