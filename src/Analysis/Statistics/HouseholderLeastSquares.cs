using System.Numerics;
using System.Runtime.InteropServices;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Least squares by Householder QR on a column-major design, as LINPACK's dqrdc2/dqrsl behind R's lm (without
/// pivoting: a column whose remaining norm falls below 1e-7 of its original norm is reported as aliased).
/// Written out because MathNet's general-purpose QR costs ~10 ms per 10,000 × 6 fit (allocation and parallel
/// overhead), which made a 100-region cohort take a second; this kernel works in place on one
/// (pooled) buffer with vectorised dot products.
/// </summary>
internal static class HouseholderLeastSquares
{
    /// <summary>
    /// Factorises <paramref name="x"/> (n rows × p columns, column j at x[j·n .. j·n+n), overwritten) and solves for
    /// the coefficients. Returns the coefficients and the inverse of R (p × p, row-major) for the standard errors,
    /// or the index of the first aliased column.
    /// </summary>
    public static (double[] Beta, double[] RInverse, int AliasedColumn) Solve(Span<double> x, int n, int p, ReadOnlySpan<double> y)
    {
        var qty = y.ToArray();
        var r = new double[p * p];
        for (var k = 0; k < p; k++)
        {
            var col = x.Slice(k * n, n);
            var original = Dot(col, col);
            var below = Dot(col[k..], col[k..]);
            // Reflections preserve each column's norm: compare what is left below the diagonal with it.
            var norm = Math.Sqrt(below);
            if (norm <= 1e-7 * Math.Sqrt(original) || norm == 0) return ([], [], k);
            var alpha = col[k] > 0 ? -norm : norm;
            col[k] -= alpha; // v = x_k[k..] − α e_1, stored in place
            var vv = below - 2 * alpha * (col[k] + alpha) + alpha * alpha; // ‖v‖²
            var scale = 2 / vv;
            var v = col[k..];
            for (var j = k + 1; j < p; j++)
            {
                var other = x.Slice(j * n, n);
                SubtractScaled(scale * Dot(v, other[k..]), v, other[k..]);
                r[k * p + j] = other[k];
            }
            SubtractScaled(scale * Dot(v, qty.AsSpan(k)), v, qty.AsSpan(k));
            r[k * p + k] = alpha;
        }

        var beta = new double[p];
        for (var k = p - 1; k >= 0; k--)
        {
            var s = qty[k];
            for (var j = k + 1; j < p; j++) s -= r[k * p + j] * beta[j];
            beta[k] = s / r[k * p + k];
        }
        // R⁻¹ column by column (upper triangular back substitution).
        var inverse = new double[p * p];
        for (var c = 0; c < p; c++)
        for (var k = c; k >= 0; k--)
        {
            var s = k == c ? 1.0 : 0.0;
            for (var j = k + 1; j <= c; j++) s -= r[k * p + j] * inverse[j * p + c];
            inverse[k * p + c] = s / r[k * p + k];
        }
        return (beta, inverse, -1);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            var acc = Vector<double>.Zero;
            for (var k = 0; k < va.Length; k++) acc += va[k] * vb[k];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y −= f·x.</summary>
    private static void SubtractScaled(double f, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            var vf = new Vector<double>(f);
            for (var k = 0; k < vx.Length; k++) vy[k] -= vf * vx[k];
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) y[i] -= f * x[i];
    }
}
