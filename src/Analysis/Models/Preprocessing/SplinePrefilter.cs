namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// The cubic B-spline prefilter of <c>scipy.ndimage.spline_filter(x, order=3, mode="constant")</c>: along x, then
/// y, then z, every line is multiplied by the gain (1 − z)(1 − 1/z) = 6 and run through the causal and anticausal
/// recursions with the pole z = √3 − 2, both started with the mirror boundary (whole-sample symmetric extension,
/// which scipy also uses for mode "constant"). Turns voxel values into the spline coefficients that interpolate them.
/// Float64 throughout, as scipy.
/// </summary>
public static class SplinePrefilter
{
    /// <summary>√3 − 2, the pole of the cubic B-spline's inverse filter.</summary>
    public const double Pole = -0.267949192431122706472553658494127633;

    /// <summary>Filters the first nx·ny·nz values of <paramref name="coefficients"/> (x fastest, of <paramref name="shape"/>) in place.</summary>
    public static void Apply(double[] coefficients, (int X, int Y, int Z) shape)
    {
        var (nx, ny, nz) = shape;
        if (coefficients.Length < (long)nx * ny * nz) throw new ArgumentException("fewer coefficients than the shape holds", nameof(coefficients));
        FilterAxis(coefficients, nx, stride: 1, lines: ny * nz, lineStart: line => (long)line * nx);
        FilterAxis(coefficients, ny, stride: nx, lines: nx * nz, lineStart: line => line % nx + (long)nx * ny * (line / nx));
        FilterAxis(coefficients, nz, stride: (long)nx * ny, lines: nx * ny, lineStart: line => line);
    }

    private static void FilterAxis(double[] c, int length, long stride, int lines, Func<int, long> lineStart)
    {
        if (length < 2) return;
        Parallel.For(0, lines, () => new double[length], (line, _, buffer) =>
        {
            var start = lineStart(line);
            for (var i = 0; i < length; i++) buffer[i] = c[start + i * stride];
            FilterLine(buffer);
            for (var i = 0; i < length; i++) c[start + i * stride] = buffer[i];
            return buffer;
        }, _ => { });
    }

    /// <summary>One line, in place (length ≥ 2), in scipy's order of operations.</summary>
    public static void FilterLine(Span<double> c)
    {
        var n = c.Length;
        const double z = Pole;
        const double gain = (1.0 - z) * (1.0 - 1.0 / z);
        for (var i = 0; i < n; i++) c[i] *= gain;

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
}
