using System.Numerics;

namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// The cubic B-spline prefilter of <c>scipy.ndimage.spline_filter(x, order=3, mode="constant")</c>: along x, then
/// y, then z, every line is multiplied by the gain (1 − z)(1 − 1/z) = 6 and run through the causal and anticausal
/// recursions with the pole z = √3 − 2, both started with the mirror boundary (whole-sample symmetric extension,
/// which scipy also uses for mode "constant"). Turns voxel values into the spline coefficients that interpolate them.
/// Float64 with scipy's order of operations per line, so the coefficients equal scipy's. Along y and z the
/// recursions run on whole rows (planes) of neighbouring lines at once: contiguous and vectorised, each line's
/// arithmetic unchanged.
/// </summary>
public static class SplinePrefilter
{
    /// <summary>√3 − 2, the pole of the cubic B-spline's inverse filter.</summary>
    public const double Pole = -0.267949192431122706472553658494127633;

    private const double Gain = (1.0 - Pole) * (1.0 - 1.0 / Pole);

    /// <summary>Filters the first nx·ny·nz values of <paramref name="coefficients"/> (x fastest, of <paramref name="shape"/>) in place.</summary>
    public static void Apply(double[] coefficients, (int X, int Y, int Z) shape)
    {
        var (nx, ny, nz) = shape;
        if (coefficients.Length < (long)nx * ny * nz) throw new ArgumentException("fewer coefficients than the shape holds", nameof(coefficients));
        // x: each line is contiguous.
        if (nx > 1)
            Parallel.For(0, ny * nz, line => FilterLine(coefficients.AsSpan(line * nx, nx)));
        // y: per z plane, the lines of every x advance together (rows of nx).
        if (ny > 1)
            Parallel.For(0, nz, z => FilterLines(coefficients.AsSpan(z * nx * ny, nx * ny), ny, nx));
        // z: the lines of every (x, y) advance together (planes of nx·ny), split into column blocks for the cores.
        if (nz > 1)
        {
            var plane = nx * ny;
            var blocks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, plane / 4096));
            Parallel.For(0, blocks, b =>
            {
                var from = (int)((long)plane * b / blocks);
                var to = (int)((long)plane * (b + 1) / blocks);
                FilterLines(coefficients, nz, plane, from, to - from);
            });
        }
    }

    /// <summary>One line, in place (length ≥ 2), in scipy's order of operations.</summary>
    public static void FilterLine(Span<double> c)
    {
        var n = c.Length;
        const double z = Pole;
        for (var i = 0; i < n; i++) c[i] *= Gain;

        // Causal initial value for the mirror extension: Σ_k z^k c[k] over the symmetric period.
        var zi = z;
        var zn1 = Math.Pow(z, n - 1);
        c[0] = c[0] + zn1 * c[n - 1];
        for (var i = 1; i < n - 1; i++)
        {
            c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] /= 1 - zn1 * zn1;
        for (var i = 1; i < n; i++) c[i] += z * c[i - 1];

        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
        for (var i = n - 2; i >= 0; i--) c[i] = z * (c[i + 1] - c[i]);
    }

    /// <summary>
    /// <paramref name="width"/> interleaved lines of <paramref name="n"/> samples, sample i of line j at
    /// <c>i · rowLength + j</c>: the same steps as <see cref="FilterLine"/>, a row at a time.
    /// </summary>
    private static void FilterLines(Span<double> data, int n, int rowLength) => FilterLines(data, n, rowLength, 0, rowLength);

    private static void FilterLines(Span<double> data, int n, int rowLength, int first, int width)
    {
        const double z = Pole;
        Span<double> Row(Span<double> d, int i) => d.Slice(i * rowLength + first, width);

        for (var i = 0; i < n; i++) Scale(Row(data, i), Gain);

        var zi = z;
        var zn1 = Math.Pow(z, n - 1);
        var c0 = Row(data, 0);
        AddScaled(c0, zn1, Row(data, n - 1));
        for (var i = 1; i < n - 1; i++)
        {
            // c0 += zi · (c[i] + zn1 · c[n − 1 − i])
            AddScaledSum(c0, zi, Row(data, i), zn1, Row(data, n - 1 - i));
            zi *= z;
        }
        Divide(c0, 1 - zn1 * zn1);
        for (var i = 1; i < n; i++) AddScaled(Row(data, i), z, Row(data, i - 1));

        // c[n − 1] = (z · c[n − 2] + c[n − 1]) · z / (z² − 1)
        var last = Row(data, n - 1);
        var before = Row(data, n - 2);
        for (var j = 0; j < width; j++) last[j] = (z * before[j] + last[j]) * z / (z * z - 1);
        for (var i = n - 2; i >= 0; i--) Difference(Row(data, i), z, Row(data, i + 1));
    }

    /// <summary>row = row / divisor.</summary>
    private static void Divide(Span<double> row, double divisor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (var vd = new Vector<double>(divisor); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(row[i..]) / vd).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] /= divisor;
    }

    /// <summary>row = row · factor.</summary>
    private static void Scale(Span<double> row, double factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (var vf = new Vector<double>(factor); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(row[i..]) * vf).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] *= factor;
    }

    /// <summary>row += s · other (one multiply, one add per element).</summary>
    private static void AddScaled(Span<double> row, double s, ReadOnlySpan<double> other)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (var vs = new Vector<double>(s); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(row[i..]) + vs * new Vector<double>(other[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] += s * other[i];
    }

    /// <summary>row += a · (x + b · y).</summary>
    private static void AddScaledSum(Span<double> row, double a, ReadOnlySpan<double> x, double b, ReadOnlySpan<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            var vb = new Vector<double>(b);
            for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(row[i..]) + va * (new Vector<double>(x[i..]) + vb * new Vector<double>(y[i..]))).CopyTo(row[i..]);
        }
        for (; i < row.Length; i++) row[i] += a * (x[i] + b * y[i]);
    }

    /// <summary>row = s · (next − row).</summary>
    private static void Difference(Span<double> row, double s, ReadOnlySpan<double> next)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (var vs = new Vector<double>(s); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                (vs * (new Vector<double>(next[i..]) - new Vector<double>(row[i..]))).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] = s * (next[i] - row[i]);
    }
}
