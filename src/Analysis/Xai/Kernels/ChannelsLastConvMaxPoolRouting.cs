using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// The relevance of a block Conv → (ReLU…) → MaxPool with many input channels (MRInet's 16-channel second block),
/// evaluated only at the pooling's winners like <see cref="ConvMaxPoolRouting"/>, for rules whose contributions factor
/// as t_k = x_k · w'_k: LRP-0 and ε (w' = w), and z⁺/α1β0 on a non-negative input (w' = w⁺, since (x w)⁺ = x w⁺ for
/// x ≥ 0). Then r_in = x ⊙ Σ_winners s_j · w'_j with s_j = r_j / d_j, so each winner costs one dot product
/// d_j = Σ x·w' + shift and one scaled addition of its kernel into an accumulator; x multiplies the accumulator once at
/// the end. x and the accumulator are held channels-last so both run over the input channels in vectors of eight.
/// A winner's work is 1/8 of a dense transposed convolution's (one output in eight wins at 3³/2 pooling), which is why
/// this beats ONNX Runtime's W⁺ convolution plus transposed convolution over the whole tensor.
/// </summary>
public static unsafe class ChannelsLastConvMaxPoolRouting
{
    /// <summary>Fewest input channels for which this kernel is used (fewer run in <see cref="ConvMaxPoolRouting"/>).</summary>
    public const int MinInputChannels = ConvMaxPoolRouting.MaxInputChannels + 1;

    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>Whether this block runs here: the layout fits and the rule's contributions factor through x.</summary>
    public static bool Supports(ConvLayer conv, int[] inputShape, ContributionForm form, bool inputNonNegative) =>
        ConvPoolGeometry.Fits(conv, inputShape) && conv.WeightShape[1] >= MinInputChannels
        && (!form.PositiveProducts || inputNonNegative)
        && Layer.Count(inputShape) / inputShape[1] * Padded(inputShape[1]) < Array.MaxLength;

    /// <param name="input">The convolution's input x, [1, C, D, H, W]; ≥ 0 when the form takes positive parts.</param>
    /// <param name="poolInput">The pooling's input (the convolution's output after the ReLUs), [1, M, D', H', W'].</param>
    /// <param name="relevance">The relevance at the pooling's output, [1, M, PD, PH, PW].</param>
    /// <param name="inputRelevance">Receives the relevance at x (overwritten).</param>
    public static void Backward(float* input, int[] inputShape, ConvLayer conv, ContributionForm form,
        float* poolInput, int[] poolInputShape, float* relevance, WindowGeometry pool, int[] pooledShape, float* inputRelevance)
    {
        var plan = new Plan(new ConvPoolGeometry(inputShape, conv, poolInputShape, pool, pooledShape), conv, form);
        var g = plan.Geometry;
        var length = (int)(g.InputPlaneVolume * plan.Stride);
        var xLast = ArrayPool<float>.Shared.Rent(length);
        var accumulator = ArrayPool<float>.Shared.Rent(length);
        try
        {
            fixed (float* x = xLast)
            fixed (float* a = accumulator)
            {
                var (xl, acc) = ((nint)x, (nint)a);
                ToChannelsLast(input, x, g.C, plan.Stride, g.InputPlaneVolume);
                ParallelClear.Run(a, length);
                g.ForEachSlab((zFrom, zTo) => plan.Route((float*)xl, poolInput, relevance, (float*)acc, zFrom, zTo));
                MultiplyFromChannelsLast(input, a, inputRelevance, g.C, plan.Stride, g.InputPlaneVolume);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(xLast);
            ArrayPool<float>.Shared.Return(accumulator);
        }
    }

    private static int Padded(int channels) => (channels + Lanes - 1) / Lanes * Lanes;

    private const int TransposeChunk = 1 << 14;

    /// <summary>x [C, V] → [V, stride] with the lanes beyond C set to 0.</summary>
    private static void ToChannelsLast(float* x, float* target, int channels, int stride, long voxels)
    {
        Parallel.For(0, (int)((voxels + TransposeChunk - 1) / TransposeChunk), chunk =>
        {
            long from = (long)chunk * TransposeChunk, to = Math.Min(from + TransposeChunk, voxels);
            if (stride > channels) new Span<float>(target + from * stride, (int)((to - from) * stride)).Clear();
            for (var c = 0; c < channels; c++)
            {
                var source = x + c * voxels;
                for (var v = from; v < to; v++) target[v * stride + c] = source[v];
            }
        });
    }

    /// <summary>r_in[c, v] = x[c, v] · A[v, c].</summary>
    private static void MultiplyFromChannelsLast(float* x, float* accumulator, float* rIn, int channels, int stride, long voxels)
    {
        Parallel.For(0, (int)((voxels + TransposeChunk - 1) / TransposeChunk), chunk =>
        {
            long from = (long)chunk * TransposeChunk, to = Math.Min(from + TransposeChunk, voxels);
            for (var c = 0; c < channels; c++)
            {
                var offset = c * voxels;
                for (var v = from; v < to; v++) rIn[offset + v] = x[offset + v] * accumulator[v * stride + c];
            }
        });
    }

    private sealed class Plan
    {
        public readonly ConvPoolGeometry Geometry;
        /// <summary>Floats per voxel in the channels-last buffers (input channels padded to whole vectors).</summary>
        public readonly int Stride;
        private readonly ContributionForm _form;
        private readonly int _taps, _rows, _rowVectors;
        /// <summary>w' as [M, tap, Stride]: per output channel and kernel tap, the input channels' weights.</summary>
        private readonly float[] _weights;
        /// <summary>Per tap, its offset from the receptive field's first voxel in the channels-last buffers, and its (z, y, x).</summary>
        private readonly long[] _tapOffsets;
        /// <summary>Per kernel row (z, y), the offset of its first tap from the field's first voxel: a row's taps × channels are contiguous.</summary>
        private readonly long[] _rowOffsets;
        private readonly int[] _tapZ, _tapY, _tapX;

        public Plan(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form)
        {
            Geometry = geometry;
            var g = geometry;
            _form = form;
            Stride = Padded(g.C);
            _taps = g.Kd * g.Kh * g.Kw;
            _tapOffsets = new long[_taps];
            (_tapZ, _tapY, _tapX) = (new int[_taps], new int[_taps], new int[_taps]);
            for (int kz = 0, tap = 0; kz < g.Kd; kz++)
            for (var ky = 0; ky < g.Kh; ky++)
            for (var kx = 0; kx < g.Kw; kx++, tap++)
            {
                (_tapZ[tap], _tapY[tap], _tapX[tap]) = (kz * g.Dd, ky * g.Dh, kx * g.Dw);
                _tapOffsets[tap] = (((long)_tapZ[tap] * g.H + _tapY[tap]) * g.W + _tapX[tap]) * Stride;
            }
            _rows = g.Kd * g.Kh;
            _rowVectors = g.Dw == 1 ? g.Kw * Stride / Lanes : 0;
            _rowOffsets = new long[_rows];
            for (var row = 0; row < _rows; row++) _rowOffsets[row] = _tapOffsets[row * g.Kw];
            _weights = new float[g.M * _taps * Stride];
            var w = conv.Weights;
            for (var m = 0; m < g.M; m++)
            for (var c = 0; c < g.C; c++)
            for (var tap = 0; tap < _taps; tap++)
            {
                var value = w[(m * g.C + c) * _taps + tap];
                _weights[(m * _taps + tap) * Stride + c] = form.PositiveProducts ? Math.Max(value, 0f) : value;
            }
        }

        /// <summary>Adds s_j · w'_j of every winner of pooled planes [zFrom, zTo) into the channels-last accumulator.</summary>
        public void Route(float* x, float* poolInput, float* relevance, float* accumulator, int zFrom, int zTo)
        {
            fixed (float* weights = _weights)
            fixed (long* tapOffsets = _tapOffsets)
            fixed (long* rowOffsets = _rowOffsets)
            {
                var sink = new Sink(this, x, accumulator, weights, tapOffsets, rowOffsets);
                Geometry.WalkWinners(poolInput, relevance, zFrom, zTo, ref sink);
            }
        }

        /// <summary>The walk's winners into <see cref="Add"/>, with the pass's buffers.</summary>
        private readonly struct Sink(Plan plan, float* x, float* accumulator, float* weights, long* tapOffsets, long* rowOffsets) : IWinnerSink
        {
            public void Add(int channel, int z, int y, int x1, float relevance) =>
                plan.Add(x, accumulator, z, y, x1, relevance, channel, rowOffsets, tapOffsets, weights + (long)channel * plan._taps * plan.Stride);
        }

        /// <summary>Adds s · w' of one winner (a convolution output of channel m) carrying relevance r.</summary>
        private void Add(float* x, float* accumulator, int wz, int wy, int wx, float r, int m, long* rowOffsets, long* tapOffsets, float* weights)
        {
            var g = Geometry;
            int iz0 = wz * g.Sd - g.Pd, iy0 = wy * g.Sh - g.Ph, ix0 = wx * g.Sw - g.Pw;
            var origin = (((long)iz0 * g.H + iy0) * g.W + ix0) * Stride;
            if (_rowVectors > 0 && g.FieldInside(iz0, iy0, ix0)) AddInside(x + origin, accumulator + origin, rowOffsets, weights, r, m);
            else AddClipped(x + origin, accumulator + origin, tapOffsets, weights, r, m, iz0, iy0, ix0);
        }

        /// <summary>
        /// A receptive field inside x, kernel row by kernel row: with unit dilation along x a row's taps and channels are
        /// one contiguous run in both the channels-last input and the weights, so the work is plain vector streams.
        /// Four independent sums (two per row parity) keep the multiply-adds from waiting on each other.
        /// </summary>
        private void AddInside(float* x, float* accumulator, long* rowOffsets, float* weights, float r, int m)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            var n = _rowVectors * Lanes;
            var w = weights;
            for (var row = 0; row < _rows; row++, w += n)
            {
                var xs = x + rowOffsets[row];
                var k = 0;
                if ((row & 1) == 0)
                    for (; k + Lanes < n; k += 2 * Lanes)
                    {
                        s0 = MultiplyAdd(Vector256.Load(xs + k), Vector256.Load(w + k), s0);
                        s1 = MultiplyAdd(Vector256.Load(xs + k + Lanes), Vector256.Load(w + k + Lanes), s1);
                    }
                else
                    for (; k + Lanes < n; k += 2 * Lanes)
                    {
                        s2 = MultiplyAdd(Vector256.Load(xs + k), Vector256.Load(w + k), s2);
                        s3 = MultiplyAdd(Vector256.Load(xs + k + Lanes), Vector256.Load(w + k + Lanes), s3);
                    }
                if (k < n) s0 = MultiplyAdd(Vector256.Load(xs + k), Vector256.Load(w + k), s0);
            }
            var share = Vector256.Create(r / _form.Denominator(Vector256.Sum((s0 + s1) + (s2 + s3)), m));
            w = weights;
            for (var row = 0; row < _rows; row++, w += n)
            {
                var target = accumulator + rowOffsets[row];
                for (var k = 0; k < n; k += Lanes) MultiplyAdd(share, Vector256.Load(w + k), Vector256.Load(target + k)).Store(target + k);
            }
        }

        /// <summary>A receptive field reaching into the padding: padded inputs are 0 and contribute nothing.</summary>
        private void AddClipped(float* x, float* accumulator, long* tapOffsets, float* weights, float r, int m, int iz0, int iy0, int ix0)
        {
            var g = Geometry;
            bool Inside(int tap) =>
                (uint)(iz0 + _tapZ[tap]) < (uint)g.D && (uint)(iy0 + _tapY[tap]) < (uint)g.H && (uint)(ix0 + _tapX[tap]) < (uint)g.W;
            var sum = Vector256<float>.Zero;
            for (var tap = 0; tap < _taps; tap++)
            {
                if (!Inside(tap)) continue;
                var xs = x + tapOffsets[tap];
                var ws = weights + tap * Stride;
                for (var l = 0; l < Stride; l += Lanes) sum = MultiplyAdd(Vector256.Load(xs + l), Vector256.Load(ws + l), sum);
            }
            var share = Vector256.Create(r / _form.Denominator(Vector256.Sum(sum), m));
            for (var tap = 0; tap < _taps; tap++)
            {
                if (!Inside(tap)) continue;
                var target = accumulator + tapOffsets[tap];
                var ws = weights + tap * Stride;
                for (var l = 0; l < Stride; l += Lanes) MultiplyAdd(share, Vector256.Load(ws + l), Vector256.Load(target + l)).Store(target + l);
            }
        }

        private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
            Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
    }
}
