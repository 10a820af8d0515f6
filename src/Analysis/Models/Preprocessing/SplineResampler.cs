using System.Numerics;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models.Preprocessing;

/// <summary>
/// Axis-aligned resampling with scipy.ndimage's interpolation: output voxel k along an axis reads the input at
/// k · step (<c>scipy.ndimage.affine_transform</c> with a diagonal matrix and no offset; <c>zoom</c> with
/// grid_mode=False is the step (n − 1)/(m − 1)). Orders 0, 1 and 3 (the cubic B-spline on
/// <see cref="SplinePrefilter"/>'s coefficients), mode "constant": a sample outside [0, n − 1] on any axis is 0,
/// spline taps beyond the edge read the mirrored coefficient. With an integer output type the result is rounded
/// as scipy stores integers (<see cref="ScipyIntegerCast"/>). Float64 arithmetic, one axis at a time (the weights
/// are separable), parallel over lines.
/// </summary>
public static class SplineResampler
{
    /// <summary>
    /// <c>scipy.ndimage.zoom(data, factors, order, mode="constant", grid_mode=False)</c>: shape round(n · factor)
    /// (half to even, as Python's round), corners aligned. The result's affine places every voxel where it was read.
    /// </summary>
    public static Volume Zoom(Volume volume, IReadOnlyList<double> factors, InterpolationOrder order, VoxelType? integerType)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (factors.Count != 3 || factors.Any(f => !(f > 0) || double.IsInfinity(f)))
            throw new InvalidInputException($"zoom: expected three factors > 0, got [{string.Join(", ", factors)}]");
        int[] n = [volume.Nx, volume.Ny, volume.Nz];
        var shape = new int[3];
        var steps = new double[3];
        for (var a = 0; a < 3; a++)
        {
            shape[a] = (int)Math.Round(n[a] * factors[a], MidpointRounding.ToEven);
            if (shape[a] < 1)
                throw new InvalidInputException($"zoom: {n[a]} voxels × {factors[a]} along axis {a} leaves no voxel; expected a larger zoom factor");
            // scipy: (n − 1)/(m − 1), and 1 where m = 1.
            steps[a] = shape[a] > 1 ? (n[a] - 1) / (double)(shape[a] - 1) : 1.0;
        }
        return Resample(volume, shape, steps, order, integerType);
    }

    /// <summary>Output voxel (i, j, k) of <paramref name="shape"/> reads the input at (i·sx, j·sy, k·sz).</summary>
    public static Volume Resample(Volume volume, IReadOnlyList<int> shape, IReadOnlyList<double> steps, InterpolationOrder order, VoxelType? integerType)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (shape.Count != 3 || shape.Any(s => s < 1)) throw new InvalidInputException($"resample: expected three output sizes ≥ 1, got [{string.Join(", ", shape)}]");
        if (steps.Count != 3 || steps.Any(s => !double.IsFinite(s) || s <= 0)) throw new InvalidInputException($"resample: expected three steps > 0, got [{string.Join(", ", steps)}]");
        if (order is not (InterpolationOrder.Nearest or InterpolationOrder.Linear or InterpolationOrder.Cubic))
            throw new InvalidInputException($"resample: interpolation order {(int)order} is not supported; expected 0, 1 or 3");
        var (nx, ny, nz) = volume.Shape3;
        var (mx, my, mz) = (shape[0], shape[1], shape[2]);
        var taps = (int)order + 1;
        var ax = AxisTable.Of(nx, mx, steps[0], order);
        var ay = AxisTable.Of(ny, my, steps[1], order);
        var az = AxisTable.Of(nz, mz, steps[2], order);

        var pool = LargeBuffers.Doubles;
        var coefficients = pool.Rent(nx * ny * nz);
        var alongX = pool.Rent(mx * ny * nz);
        var alongY = pool.Rent(mx * my * nz);
        try
        {
            var source = volume.Frame(0);
            for (var i = 0; i < nx * ny * nz; i++) coefficients[i] = source[i];
            if (order == InterpolationOrder.Cubic) SplinePrefilter.Apply(coefficients, (nx, ny, nz));

            // x: every (y, z) line of the input to mx values.
            Parallel.For(0, ny * nz, line =>
            {
                var inRow = (long)line * nx;
                var outRow = (long)line * mx;
                for (var k = 0; k < mx; k++) alongX[outRow + k] = ax.Sample(coefficients, inRow, 1, k, taps);
            });
            // y: per z plane, rows of mx values combined.
            Parallel.For(0, nz, z =>
            {
                var input = alongX.AsSpan(z * mx * ny, mx * ny);
                var output = alongY.AsSpan(z * mx * my, mx * my);
                for (var k = 0; k < my; k++) ay.CombineRows(input, mx, k, output.Slice(k * mx, mx));
            });
            // z: planes of mx·my values combined, stored (and rounded) as the output.
            var result = new Volume([mx, my, mz], volume.Affine * Affine.Scaling(steps[0], steps[1], steps[2]),
                integerType ?? VoxelType.Float32, default, volume.Metadata with { QformCode = 0, SformCode = 0, ScaleSlope = 1, ScaleIntercept = 0 }, clear: false);
            var destination = result.Memory;
            var plane = mx * my;
            Parallel.For(0, mz, () => new double[plane], (k, _, sums) =>
            {
                az.CombineRows(alongY.AsSpan(0, plane * nz), plane, k, sums);
                var dst = destination.Span.Slice(k * plane, plane);
                if (integerType is { } type)
                    for (var i = 0; i < plane; i++) dst[i] = (float)ScipyIntegerCast.Round(sums[i], type);
                else
                    for (var i = 0; i < plane; i++) dst[i] = (float)sums[i];
                return sums;
            }, _ => { });
            return result;
        }
        finally
        {
            pool.Return(coefficients);
            pool.Return(alongX);
            pool.Return(alongY);
        }
    }

    /// <summary>
    /// Where each output index of one axis reads: whether it lies outside [0, n − 1] (then 0), the input indices of
    /// its taps (mirrored at the edges) and their weights, as scipy's <c>NI_ZoomShift</c> computes them.
    /// </summary>
    private sealed class AxisTable
    {
        public required bool[] Zero { get; init; }
        public required int[] Index { get; init; }
        public required double[] Weight { get; init; }

        public static AxisTable Of(int n, int m, double step, InterpolationOrder order)
        {
            var taps = (int)order + 1;
            var zero = new bool[m];
            var index = new int[m * taps];
            var weight = new double[m * taps];
            for (var k = 0; k < m; k++)
            {
                var cc = k * step;
                if (cc < 0 || cc > n - 1)
                {
                    zero[k] = true;
                    continue;
                }
                var start = order == InterpolationOrder.Nearest ? (int)Math.Floor(cc + 0.5) : (int)Math.Floor(cc) - (int)order / 2;
                for (var h = 0; h < taps; h++) index[k * taps + h] = Mirror(start + h, n);
                Weights(cc, order, weight.AsSpan(k * taps, taps));
            }
            return new AxisTable { Zero = zero, Index = index, Weight = weight };
        }

        /// <summary>
        /// Output index k for a run of lines at once: <paramref name="output"/>[j] = Σ over the taps of weight ·
        /// rows[index · <paramref name="rowLength"/> + j] (order 0: the one row; 0 outside the input), in
        /// <see cref="Sample"/>'s order of operations, vectorised along the row.
        /// </summary>
        public void CombineRows(ReadOnlySpan<double> rows, int rowLength, int k, Span<double> output)
        {
            if (Zero[k])
            {
                output.Clear();
                return;
            }
            var taps = Weight.Length / Zero.Length;
            var at = k * taps;
            rows.Slice(Index[at] * rowLength, output.Length).CopyTo(output);
            if (taps == 1) return;
            // The first tap: 0 + c·w is c·w exactly, as in Sample.
            Scale(output, Weight[at]);
            for (var h = 1; h < taps; h++) AddScaled(output, rows.Slice(Index[at + h] * rowLength, output.Length), Weight[at + h]);
        }

        private static void Scale(Span<double> row, double w)
        {
            var i = 0;
            if (Vector.IsHardwareAccelerated)
                for (var vw = new Vector<double>(w); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                    (new Vector<double>(row[i..]) * vw).CopyTo(row[i..]);
            for (; i < row.Length; i++) row[i] *= w;
        }

        /// <summary>row += other · w (the product first, then the sum, as scipy).</summary>
        private static void AddScaled(Span<double> row, ReadOnlySpan<double> other, double w)
        {
            var i = 0;
            if (Vector.IsHardwareAccelerated)
                for (var vw = new Vector<double>(w); i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
                    (new Vector<double>(row[i..]) + new Vector<double>(other[i..]) * vw).CopyTo(row[i..]);
            for (; i < row.Length; i++) row[i] += other[i] * w;
        }

        /// <summary>Σ over the taps of output index k: weight · data[offset + index · stride] (order 0: the one value).</summary>
        public double Sample(double[] data, long offset, long stride, int k, int taps)
        {
            if (Zero[k]) return 0;
            var at = k * taps;
            if (taps == 1) return data[offset + Index[at] * stride];
            var t = 0.0;
            for (var h = 0; h < taps; h++) t += data[offset + Index[at + h] * stride] * Weight[at + h];
            return t;
        }

        /// <summary>scipy's <c>get_spline_interpolation_weights</c> for orders 1 and 3 (order 0 has none).</summary>
        private static void Weights(double cc, InterpolationOrder order, Span<double> w)
        {
            var x = cc - Math.Floor(cc);
            switch (order)
            {
                case InterpolationOrder.Nearest:
                    w[0] = 1;
                    return;
                case InterpolationOrder.Linear:
                    w[0] = 1.0 - x;
                    break;
                case InterpolationOrder.Cubic:
                    var y = x;
                    var z = 1.0 - x;
                    w[1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
                    w[2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
                    w[0] = z * z * z / 6.0;
                    break;
            }
            // The weights sum to 1: the last is what the others leave.
            var last = w.Length - 1;
            w[last] = 1.0;
            for (var i = 0; i < last; i++) w[last] -= w[i];
        }

        /// <summary>A tap index beyond the edge, mirrored about the edge voxel (whole-sample symmetric), as scipy.</summary>
        private static int Mirror(int index, int length)
        {
            if (length <= 1) return 0;
            var s2 = 2 * length - 2;
            if (index < 0)
            {
                index = s2 * (-index / s2) + index;
                return index <= 1 - length ? index + s2 : -index;
            }
            if (index >= length)
            {
                index -= s2 * (index / s2);
                if (index >= length) index = s2 - index;
            }
            return index;
        }
    }
}
