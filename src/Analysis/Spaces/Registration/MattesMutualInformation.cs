using System.Runtime.CompilerServices;
using RelevanceRelated.Analysis.Spaces.Resampling;

namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// Mattes mutual information between a fixed and a moving level image, with its derivative, as ITK's
/// MattesMutualInformationImageToImageMetricv4 defines it: the fixed image is sampled once (regular sampling with a
/// seeded offset inside each sampled voxel); each fixed sample falls in one of B bins (a box Parzen window), the moving
/// value at the mapped point spreads over four bins with a cubic B-spline window; both intensity ranges are padded by
/// two bins. MI = Σ p(f,m)·log(p(f,m) / (p(f)·p(m))) over samples whose mapped point lies in the moving image, and
/// dMI/dμ = Σ ∂p(f,m)/∂μ · log(p(f,m) / p(m)), where ∂p/∂μ comes from the B-spline's derivative, the moving image's
/// gradient and the transform's Jacobian. Two passes, as ITK's mode without explicit PDF derivatives: the first
/// interpolates the moving image and fills the histogram (keeping each sample's bin position and gradient), the
/// second weights each sample's gradient by Σ log(p(f,m)/p(m))·B-spline′ over its bins. Sample chunks run in parallel,
/// each into its own accumulators, merged in order, so the result does not depend on scheduling.
/// </summary>
internal sealed class MattesMutualInformation
{
    private const int Padding = 2;
    private const int MaxParameters = 12;
    private const int ChunkSize = 32768;

    private readonly float[] _dx, _dy, _dz;
    private readonly byte[] _fixedBin;
    private readonly float[] _term, _gx, _gy, _gz;
    private readonly float[] _moving;
    private readonly (int X, int Y, int Z) _movingShape;
    private readonly double[] _toIndex;
    private readonly (double X, double Y, double Z) _centre;
    private readonly int _bins;
    private readonly double _movingInverseBinSize, _movingNormalisedMin;
    private readonly int _chunks;
    private readonly double[][] _chunkJoint, _chunkDerivative;
    private readonly int[] _chunkCount;

    public MattesMutualInformation(LevelImage fixedImage, LevelImage movingImage, (double X, double Y, double Z) centre,
        int bins, double samplingPercentage, int seed)
    {
        _bins = bins;
        _centre = centre;
        _moving = movingImage.Data;
        _movingShape = movingImage.Grid.Shape;
        _toIndex = movingImage.Grid.Affine.Inverse("moving image").ToArray();
        var movingBinSize = BinSize(movingImage.Min, movingImage.Max, bins);
        _movingInverseBinSize = 1 / movingBinSize;
        _movingNormalisedMin = movingImage.Min / movingBinSize - Padding;

        var grid = fixedImage.Grid;
        var stride = 1 / samplingPercentage;
        SampleCount = (int)Math.Ceiling(grid.VoxelCount / stride);
        _dx = new float[SampleCount];
        _dy = new float[SampleCount];
        _dz = new float[SampleCount];
        _fixedBin = new byte[SampleCount];
        _term = new float[SampleCount];
        _gx = new float[SampleCount];
        _gy = new float[SampleCount];
        _gz = new float[SampleCount];
        _chunks = (SampleCount + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, _chunks, chunk => Sample(fixedImage, chunk, stride, bins, seed));

        var corners = new List<(double, double, double)>();
        foreach (var cz in new[] { 0, grid.Nz - 1 })
            foreach (var cy in new[] { 0, grid.Ny - 1 })
                foreach (var cx in new[] { 0, grid.Nx - 1 })
                {
                    var (wx, wy, wz) = grid.Affine.Apply(cx, cy, cz);
                    corners.Add((wx - centre.X, wy - centre.Y, wz - centre.Z));
                }
        Corners = corners;
        _chunkJoint = new double[_chunks][];
        _chunkDerivative = new double[_chunks][];
        _chunkCount = new int[_chunks];
        for (var k = 0; k < _chunks; k++)
        {
            _chunkJoint[k] = new double[bins * bins];
            _chunkDerivative[k] = new double[MaxParameters];
        }
    }

    /// <summary>Fixed samples drawn.</summary>
    public int SampleCount { get; }

    /// <summary>The fixed grid's corners relative to the centre (where ITK measures physical shifts).</summary>
    public IReadOnlyList<(double X, double Y, double Z)> Corners { get; }

    /// <summary>Samples whose mapped point fell inside the moving image at the last evaluation.</summary>
    public int ValidSamples { get; private set; }

    /// <summary>Regular sampling: sample s sits in voxel ⌊s/p⌋, moved within it by a uniform offset from a generator
    /// seeded per chunk (so the samples do not depend on threads); its fixed value is interpolated there.</summary>
    private void Sample(LevelImage fixedImage, int chunk, double stride, int bins, int seed)
    {
        var grid = fixedImage.Grid;
        var fixedBinSize = BinSize(fixedImage.Min, fixedImage.Max, bins);
        var fixedNormalisedMin = fixedImage.Min / fixedBinSize - Padding;
        var random = new Random(HashCode.Combine(seed, chunk));
        var a = grid.Affine;
        var end = Math.Min(SampleCount, (chunk + 1) * ChunkSize);
        for (var s = chunk * ChunkSize; s < end; s++)
        {
            var i = (int)(s * stride);
            var x = i % grid.Nx + random.NextDouble() - 0.5;
            var y = i / grid.Nx % grid.Ny + random.NextDouble() - 0.5;
            var z = i / (grid.Nx * grid.Ny) + random.NextDouble() - 0.5;
            var value = Trilinear(fixedImage.Data, grid.Shape, x, y, z);
            var (wx, wy, wz) = a.Apply(x, y, z);
            _dx[s] = (float)(wx - _centre.X);
            _dy[s] = (float)(wy - _centre.Y);
            _dz[s] = (float)(wz - _centre.Z);
            _fixedBin[s] = (byte)Math.Clamp((int)(value / fixedBinSize - fixedNormalisedMin), Padding, bins - Padding - 1);
        }
    }

    /// <summary>−MI at y = M·d + c + t, and dMI/dμ into <paramref name="derivative"/> (the ascent direction).</summary>
    /// <exception cref="InvalidInputException">Almost no sample maps into the moving image.</exception>
    public double ValueAndDerivative<TJacobian>(ReadOnlySpan<double> m, ReadOnlySpan<double> t, TJacobian jacobian, Span<double> derivative)
        where TJacobian : struct, IJacobian
    {
        var parameters = derivative.Length;
        // d → moving continuous index: L·(M·d + c + t) + o.
        var g = new double[12];
        var a = _toIndex;
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++) g[r * 4 + c] = a[r * 4] * m[c] + a[r * 4 + 1] * m[3 + c] + a[r * 4 + 2] * m[6 + c];
            g[r * 4 + 3] = a[r * 4] * (_centre.X + t[0]) + a[r * 4 + 1] * (_centre.Y + t[1]) + a[r * 4 + 2] * (_centre.Z + t[2]) + a[r * 4 + 3];
        }
        Parallel.For(0, _chunks, k => Histogram(k, g));

        var bins = _bins;
        var joint = new double[bins * bins];
        var valid = 0;
        for (var k = 0; k < _chunks; k++)
        {
            valid += _chunkCount[k];
            var cj = _chunkJoint[k];
            for (var i = 0; i < joint.Length; i++) joint[i] += cj[i];
        }
        ValidSamples = valid;
        if (valid < 16)
            throw new InvalidInputException($"registration: only {valid} of {SampleCount} fixed samples map into the moving image; the images do not overlap (check their headers or start from a transform)");
        var fixedMarginal = new double[bins];
        var movingMarginal = new double[bins];
        for (var f = 0; f < bins; f++)
            for (var b = 0; b < bins; b++)
            {
                var p = joint[f * bins + b] /= valid;
                fixedMarginal[f] += p;
                movingMarginal[b] += p;
            }
        double mi = 0;
        // Per bin pair, what one sample's ∂p/∂(bin position) adds to dMI: log(p/p(m)) / N.
        var weight = new double[bins * bins];
        for (var f = 0; f < bins; f++)
            for (var b = 0; b < bins; b++)
            {
                var p = joint[f * bins + b];
                if (p <= 1e-16) continue;
                mi += p * Math.Log(p / (fixedMarginal[f] * movingMarginal[b]));
                weight[f * bins + b] = Math.Log(p / movingMarginal[b]) / valid;
            }
        Parallel.For(0, _chunks, k => Derivative(k, weight, jacobian, parameters));
        derivative.Clear();
        for (var k = 0; k < _chunks; k++)
            for (var q = 0; q < parameters; q++) derivative[q] += _chunkDerivative[k][q];
        return -mi;
    }

    /// <summary>Pass 1: moving value and world gradient at each mapped sample; the joint histogram.</summary>
    private void Histogram(int chunk, double[] g)
    {
        var joint = _chunkJoint[chunk];
        Array.Clear(joint);
        var (nx, ny, nz) = _movingShape;
        int sy = nx, sz = nx * ny;
        var src = _moving;
        var bins = _bins;
        var l = _toIndex;
        double g00 = g[0], g01 = g[1], g02 = g[2], g03 = g[3], g10 = g[4], g11 = g[5], g12 = g[6], g13 = g[7], g20 = g[8], g21 = g[9], g22 = g[10], g23 = g[11];
        var count = 0;
        var end = Math.Min(SampleCount, (chunk + 1) * ChunkSize);
        for (var s = chunk * ChunkSize; s < end; s++)
        {
            double dx = _dx[s], dy = _dy[s], dz = _dz[s];
            var cx = g00 * dx + g01 * dy + g02 * dz + g03;
            var cy = g10 * dx + g11 * dy + g12 * dz + g13;
            var cz = g20 * dx + g21 * dy + g22 * dz + g23;
            if (!(cx >= -0.5 && cx < nx - 0.5 && cy >= -0.5 && cy < ny - 0.5 && cz >= -0.5 && cz < nz - 0.5))
            {
                _term[s] = float.NaN;
                continue;
            }
            LinearSampler.Cell(cx, nx, out var ix, out var ox, out var fx);
            LinearSampler.Cell(cy, ny, out var iy, out var oy, out var fy);
            LinearSampler.Cell(cz, nz, out var iz, out var oz, out var fz);
            oy *= sy;
            oz *= sz;
            var b0 = ix + sy * iy + sz * iz;
            double v000 = src[b0], v100 = src[b0 + ox], v010 = src[b0 + oy], v110 = src[b0 + oy + ox];
            double v001 = src[b0 + oz], v101 = src[b0 + oz + ox], v011 = src[b0 + oz + oy], v111 = src[b0 + oz + oy + ox];
            var x00 = v000 + (v100 - v000) * fx;
            var x10 = v010 + (v110 - v010) * fx;
            var x01 = v001 + (v101 - v001) * fx;
            var x11 = v011 + (v111 - v011) * fx;
            var xy0 = x00 + (x10 - x00) * fy;
            var xy1 = x01 + (x11 - x01) * fy;
            var value = xy0 + (xy1 - xy0) * fz;
            // The interpolant's gradient in index units, then in world units (Lᵀ · ∇index; L: world → index).
            var gix = Lerp(Lerp(v100 - v000, v110 - v010, fy), Lerp(v101 - v001, v111 - v011, fy), fz);
            var giy = Lerp(Lerp(v010 - v000, v110 - v100, fx), Lerp(v011 - v001, v111 - v101, fx), fz);
            var giz = xy1 - xy0;
            _gx[s] = (float)(l[0] * gix + l[4] * giy + l[8] * giz);
            _gy[s] = (float)(l[1] * gix + l[5] * giy + l[9] * giz);
            _gz[s] = (float)(l[2] * gix + l[6] * giy + l[10] * giz);
            var term = value * _movingInverseBinSize - _movingNormalisedMin;
            _term[s] = (float)term;
            var index = Math.Clamp((int)term, Padding, bins - Padding - 1);
            var row = _fixedBin[s] * bins;
            for (var bin = index - 1; bin <= index + 2; bin++) joint[row + bin] += CubicBSpline(bin - term);
            count++;
        }
        _chunkCount[chunk] = count;
    }

    /// <summary>Pass 2: each sample's gradient, weighted by how moving its bin position changes dMI, through the
    /// transform's Jacobian.</summary>
    private void Derivative<TJacobian>(int chunk, double[] weight, TJacobian jacobian, int parameters)
        where TJacobian : struct, IJacobian
    {
        Span<double> buffer = stackalloc double[MaxParameters];
        var jac = buffer[..parameters];
        Span<double> sum = stackalloc double[MaxParameters];
        sum.Clear();
        var bins = _bins;
        var end = Math.Min(SampleCount, (chunk + 1) * ChunkSize);
        for (var s = chunk * ChunkSize; s < end; s++)
        {
            double term = _term[s];
            // Outside the moving image, or on flat intensity (most of a skull-stripped image's background): no gradient.
            if (double.IsNaN(term) || (_gx[s] == 0 && _gy[s] == 0 && _gz[s] == 0)) continue;
            var index = Math.Clamp((int)term, Padding, bins - Padding - 1);
            var row = _fixedBin[s] * bins;
            double scale = 0;
            for (var bin = index - 1; bin <= index + 2; bin++) scale -= weight[row + bin] * CubicBSplineDerivative(bin - term);
            if (scale == 0) continue;
            scale *= _movingInverseBinSize;
            jacobian.Contract(scale * _gx[s], scale * _gy[s], scale * _gz[s], _dx[s], _dy[s], _dz[s], jac);
            for (var q = 0; q < jac.Length; q++) sum[q] += jac[q];
        }
        var into = _chunkDerivative[chunk];
        for (var q = 0; q < MaxParameters; q++) into[q] = sum[q];
    }

    private static double BinSize(float min, float max, int bins)
    {
        var range = (double)max - min;
        return range > 0 ? range / (bins - 2 * Padding) : 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Lerp(double a, double b, double f) => a + (b - a) * f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CubicBSpline(double u)
    {
        var a = Math.Abs(u);
        if (a < 1) return (4 - 6 * a * a + 3 * a * a * a) / 6;
        if (a < 2)
        {
            var b = 2 - a;
            return b * b * b / 6;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CubicBSplineDerivative(double u)
    {
        var a = Math.Abs(u);
        double d;
        if (a < 1) d = -2 * a + 1.5 * a * a;
        else if (a < 2)
        {
            var b = 2 - a;
            d = -0.5 * b * b;
        }
        else return 0;
        return u < 0 ? -d : d;
    }

    private static double Trilinear(float[] data, (int X, int Y, int Z) n, double x, double y, double z)
    {
        LinearSampler.Cell(x, n.X, out var ix, out var ox, out var fx);
        LinearSampler.Cell(y, n.Y, out var iy, out var oy, out var fy);
        LinearSampler.Cell(z, n.Z, out var iz, out var oz, out var fz);
        oy *= n.X;
        oz *= n.X * n.Y;
        var b = ix + n.X * (iy + n.Y * iz);
        var x00 = Lerp(data[b], data[b + ox], fx);
        var x10 = Lerp(data[b + oy], data[b + oy + ox], fx);
        var x01 = Lerp(data[b + oz], data[b + oz + ox], fx);
        var x11 = Lerp(data[b + oz + oy], data[b + oz + oy + ox], fx);
        return Lerp(Lerp(x00, x10, fy), Lerp(x01, x11, fy), fz);
    }
}
