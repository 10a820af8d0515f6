using System.Buffers;

namespace RelevanceRelated.Analysis.Spaces.Resampling;

/// <summary>
/// Cubic B-spline coefficients of a 3-D image as ITK's BSplineDecompositionImageFilter computes them (Unser's
/// recursive filter, pole z = √3 − 2, gain 6, mirror boundaries; the causal start sums the first
/// ⌈ln 10⁻¹⁰ / ln |z|⌉ = 18 terms when the line is longer, else the exact mirror sum), axis by axis, each line in double.
/// </summary>
internal static class BSplineCoefficients
{
    private static readonly double Pole = Math.Sqrt(3.0) - 2.0;
    private const double Tolerance = 1e-10;

    /// <summary>Coefficients of <paramref name="data"/> (x fastest) into <paramref name="coefficients"/>.</summary>
    public static void Compute(ReadOnlySpan<float> data, (int X, int Y, int Z) n, float[] coefficients, CancellationToken cancellationToken)
    {
        data.CopyTo(coefficients);
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        // Along x: contiguous lines, one per (y, z).
        Parallel.For(0, n.Y * n.Z, options, () => ArrayPool<double>.Shared.Rent(n.X), (line, _, scratch) =>
        {
            Filter(coefficients, line * n.X, 1, n.X, scratch);
            return scratch;
        }, scratch => ArrayPool<double>.Shared.Return(scratch));
        // Along y: stride nx, one per (x, z).
        Parallel.For(0, n.X * n.Z, options, () => ArrayPool<double>.Shared.Rent(n.Y), (line, _, scratch) =>
        {
            var x = line % n.X;
            var z = line / n.X;
            Filter(coefficients, x + n.X * n.Y * z, n.X, n.Y, scratch);
            return scratch;
        }, scratch => ArrayPool<double>.Shared.Return(scratch));
        // Along z: stride nx·ny, one per (x, y).
        Parallel.For(0, n.X * n.Y, options, () => ArrayPool<double>.Shared.Rent(n.Z), (line, _, scratch) =>
        {
            Filter(coefficients, line, n.X * n.Y, n.Z, scratch);
            return scratch;
        }, scratch => ArrayPool<double>.Shared.Return(scratch));
    }

    private static void Filter(float[] c, int start, int stride, int length, double[] s)
    {
        // ITK leaves lines of one sample untouched (mirror boundaries need two).
        if (length == 1) return;
        var z = Pole;
        for (var i = 0; i < length; i++) s[i] = c[start + i * stride] * 6.0;
        s[0] = CausalStart(s, length, z);
        for (var i = 1; i < length; i++) s[i] += z * s[i - 1];
        s[length - 1] = z / (z * z - 1.0) * (z * s[length - 2] + s[length - 1]);
        for (var i = length - 2; i >= 0; i--) s[i] = z * (s[i + 1] - s[i]);
        for (var i = 0; i < length; i++) c[start + i * stride] = (float)s[i];
    }

    private static double CausalStart(double[] s, int length, double z)
    {
        var horizon = (int)Math.Ceiling(Math.Log(Tolerance) / Math.Log(Math.Abs(z)));
        var zn = z;
        if (horizon < length)
        {
            var sum = s[0];
            for (var i = 1; i < horizon; i++)
            {
                sum += zn * s[i];
                zn *= z;
            }
            return sum;
        }
        var iz = 1.0 / z;
        var z2n = Math.Pow(z, length - 1);
        var total = s[0] + z2n * s[length - 1];
        z2n *= z2n * iz;
        for (var i = 1; i <= length - 2; i++)
        {
            total += (zn + z2n) * s[i];
            zn *= z;
            z2n *= iz;
        }
        return total / (1.0 - zn * zn);
    }
}
