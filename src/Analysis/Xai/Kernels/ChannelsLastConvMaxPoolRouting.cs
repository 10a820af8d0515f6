using System.Runtime.Intrinsics;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// The relevance of a block Conv → (ReLU…) → MaxPool with many input channels (MRInet's 16-channel second block),
/// evaluated only at the pooling's winners like <see cref="ConvMaxPoolRouting"/>. x and an accumulator are held
/// channels-last so every winner's work runs over the input channels in vectors of eight: one pass over its receptive
/// field for the denominator (d_j = Σ x·w' + shift, or the sums of the positive and negative products), one scaled
/// addition of its terms into the accumulator. When the terms factor as t_k = x_k · w'_k — LRP-0 and ε (w' = w),
/// z⁺/α1β0 and αβ on a non-negative input (w' = w⁺, w⁻) — only w' is accumulated and x multiplies the accumulator once
/// at the end; on a signed input (a BatchNormalization before the convolution) the terms themselves are accumulated
/// (<see cref="IContributionTerms"/>). A winner's work is 1/8 of a dense transposed convolution's (one output in eight
/// wins at 3³/2 or 2³/2 pooling), which is why this beats ONNX Runtime's modified convolution plus transposed
/// convolution over the whole tensor.
/// </summary>
public static unsafe class ChannelsLastConvMaxPoolRouting
{
    /// <summary>Fewest input channels for which this kernel is used (fewer run in <see cref="ConvMaxPoolRouting"/>).</summary>
    public const int MinInputChannels = ConvMaxPoolRouting.MaxInputChannels + 1;

    private static readonly int Lanes = Vector256<float>.Count;

    /// <summary>Whether this block runs here: the layout fits and the channels-last buffers can be allocated.</summary>
    public static bool Supports(ConvLayer conv, int[] inputShape) =>
        ConvPoolGeometry.Fits(conv, inputShape) && conv.WeightShape[1] >= MinInputChannels
        && Layer.Count(inputShape) / inputShape[1] * Padded(inputShape[1]) < Array.MaxLength;

    /// <summary>This kernel for <see cref="FusedBlockKernel.Backward{TKernel}"/>.</summary>
    internal readonly struct Kernel : IFusedBlockKernel
    {
        public void Run<T>(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput,
            float* input, float* poolInput, float* relevance, float* inputRelevance) where T : struct, IContributionTerms =>
            ChannelsLastConvMaxPoolRouting.Run<T>(geometry, conv, form, kind, readOutput, input, poolInput, relevance, inputRelevance);
    }

    private static void Run<T>(ConvPoolGeometry g, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput,
        float* input, float* poolInput, float* relevance, float* inputRelevance) where T : struct, IContributionTerms
    {
        var plan = new Plan<T>(g, conv, form, kind, readOutput);
        var length = (int)(g.InputPlaneVolume * plan.Stride);
        var xLast = LargeBuffers.Floats.Rent(length);
        var accumulator = LargeBuffers.Floats.Rent(length);
        try
        {
            fixed (float* x = xLast)
            fixed (float* a = accumulator)
            {
                var (xl, acc) = ((nint)x, (nint)a);
                ToChannelsLast(input, x, g.C, plan.Stride, g.InputPlaneVolume);
                ParallelClear.Run(a, length);
                g.ForEachSlab((zFrom, zTo) => plan.Route((float*)xl, poolInput, relevance, (float*)acc, zFrom, zTo));
                FromChannelsLast(T.Factored ? input : null, a, inputRelevance, g.C, plan.Stride, g.InputPlaneVolume);
            }
        }
        finally
        {
            LargeBuffers.Floats.Return(xLast);
            LargeBuffers.Floats.Return(accumulator);
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

    /// <summary>r_in[c, v] = x[c, v] · A[v, c] when the terms were factored through x, else A[v, c].</summary>
    private static void FromChannelsLast(float* x, float* accumulator, float* rIn, int channels, int stride, long voxels)
    {
        var (xs, acc, r) = ((nint)x, (nint)accumulator, (nint)rIn);
        Parallel.For(0, (int)((voxels + TransposeChunk - 1) / TransposeChunk), chunk =>
        {
            long from = (long)chunk * TransposeChunk, to = Math.Min(from + TransposeChunk, voxels);
            float* factor = (float*)xs, a = (float*)acc, target = (float*)r;
            for (var c = 0; c < channels; c++)
            {
                var offset = c * voxels;
                if (factor is null)
                    for (var v = from; v < to; v++) target[offset + v] = a[v * stride + c];
                else
                    for (var v = from; v < to; v++) target[offset + v] = factor[offset + v] * a[v * stride + c];
            }
        });
    }

    private sealed class Plan<T> where T : struct, IContributionTerms
    {
        public readonly ConvPoolGeometry Geometry;
        /// <summary>Floats per voxel in the channels-last buffers (input channels padded to whole vectors).</summary>
        public readonly int Stride;
        private readonly ContributionForm _form;
        private readonly float _alpha, _beta;
        private readonly int _taps, _rows;
        /// <summary>The weights as [M, tap, Stride]: per output channel and kernel tap, the input channels' (<see cref="ContributionTerms.Weight"/>).</summary>
        private readonly float[] _weights;
        /// <summary>Per kernel row (z, y), the offset of its first tap from the field's first voxel: a row's taps × channels are contiguous.</summary>
        private readonly long[] _rowOffsets;
        /// <summary>A winner's denominator is its value in the pooling's input when that is &gt; 0.</summary>
        private readonly bool _readOutput;

        public Plan(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput)
        {
            Geometry = geometry;
            _readOutput = readOutput;
            var g = geometry;
            _form = form;
            _alpha = form.Alpha;
            _beta = form.Negative?.Beta ?? 0f;
            Stride = Padded(g.C);
            _taps = g.Kd * g.Kh * g.Kw;
            _rows = g.Kd * g.Kh;
            _rowOffsets = new long[_rows];
            for (int kz = 0, row = 0; kz < g.Kd; kz++)
            for (var ky = 0; ky < g.Kh; ky++, row++)
                _rowOffsets[row] = ((long)kz * g.H + ky) * g.W * Stride;
            _weights = new float[g.M * _taps * Stride];
            var w = conv.Weights;
            for (var m = 0; m < g.M; m++)
            for (var c = 0; c < g.C; c++)
            for (var tap = 0; tap < _taps; tap++)
                _weights[(m * _taps + tap) * Stride + c] = ContributionTerms.Weight(form, kind, w[(m * g.C + c) * _taps + tap]);
        }

        /// <summary>Adds the terms of every winner of pooled planes [zFrom, zTo) into the channels-last accumulator.</summary>
        public void Route(float* x, float* poolInput, float* relevance, float* accumulator, int zFrom, int zTo)
        {
            fixed (float* weights = _weights)
            fixed (long* rowOffsets = _rowOffsets)
            {
                var sink = new Sink(this, x, poolInput, accumulator, weights, rowOffsets);
                Geometry.WalkWinners(poolInput, relevance, zFrom, zTo, ref sink);
            }
        }

        /// <summary>The walk's winners into <see cref="Add"/>, with the pass's buffers.</summary>
        private readonly struct Sink(Plan<T> plan, float* x, float* poolInput, float* accumulator, float* weights, long* rowOffsets) : IWinnerSink
        {
            public void Add(int channel, int z, int y, int x1, float relevance) =>
                plan.Add(x, poolInput, accumulator, z, y, x1, relevance, channel, rowOffsets, weights + (long)channel * plan._taps * plan.Stride);
        }

        /// <summary>The shares a = α·r/d and b = −β·r/d⁻ of a winner of channel m from its sums.</summary>
        private (Vector256<float> A, Vector256<float> B) Shares(Vector256<float> sum, Vector256<float> negativeSum, float r, int m) =>
            (Vector256.Create(_alpha * r / _form.Denominator(Vector256.Sum(sum), m)),
             T.TwoParts ? Vector256.Create(-_beta * r / _form.NegativeDenominator(Vector256.Sum(negativeSum), m)) : default);

        /// <summary>
        /// Adds the terms of one winner (a convolution output of channel m) carrying relevance r, kernel row by kernel
        /// row over the taps inside x (those in the padding read zeros and contribute nothing): a row's taps and channels
        /// are one contiguous run in both the channels-last input and the weights, so the work is plain vector streams.
        /// Four independent sums (two per row parity) keep the multiply-adds from waiting on each other. A form whose
        /// denominator is the convolution's output takes it from the pooling's input where that is &gt; 0.
        /// </summary>
        private void Add(float* x, float* poolInput, float* accumulator, int wz, int wy, int wx, float r, int m, long* rowOffsets, float* weights)
        {
            var g = Geometry;
            int iz0 = wz * g.Sd - g.Pd, iy0 = wy * g.Sh - g.Ph, ix0 = wx * g.Sw - g.Pw;
            var origin = (((long)iz0 * g.H + iy0) * g.W + ix0) * Stride;
            var field = g.Field(iz0, iy0, ix0);
            float* xs0 = x + origin + field.X0 * Stride, acc0 = accumulator + origin + field.X0 * Stride;
            var w0 = weights + field.X0 * Stride;
            var n = (field.X1 - field.X0) * Stride;

            var output = _readOutput ? poolInput[(((long)m * g.CD + wz) * g.CH + wy) * g.CW + wx] : 0f;
            var (a, b) = output > 0f ? (Vector256.Create(_alpha * r / _form.OutputDenominator(output)), default) : Sum(xs0, w0, n, field, rowOffsets, r, m);
            for (var kz = field.Z0; kz < field.Z1; kz++)
            for (var ky = field.Y0; ky < field.Y1; ky++)
            {
                var row = kz * g.Kh + ky;
                var target = acc0 + rowOffsets[row];
                var xs = xs0 + rowOffsets[row];
                var w = w0 + row * g.Kw * Stride;
                for (var k = 0; k < n; k += Lanes)
                    (Vector256.Load(target + k) + T.Term(T.Factored ? default : Vector256.Load(xs + k), Vector256.Load(w + k), a, b)).Store(target + k);
            }
        }

        /// <summary>The shares of a winner from the sums over the taps of its field inside x (runs of n floats per kernel row).</summary>
        private (Vector256<float>, Vector256<float>) Sum(float* xs0, float* w0, int n, KernelRange field, long* rowOffsets, float r, int m)
        {
            var g = Geometry;
            var rowLength = g.Kw * Stride;
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector256<float> n0 = default, n1 = default, n2 = default, n3 = default;
            for (var kz = field.Z0; kz < field.Z1; kz++)
            for (var ky = field.Y0; ky < field.Y1; ky++)
            {
                var row = kz * g.Kh + ky;
                var xs = xs0 + rowOffsets[row];
                var w = w0 + row * rowLength;
                var k = 0;
                if ((row & 1) == 0)
                    for (; k + Lanes < n; k += 2 * Lanes)
                    {
                        T.Add(Vector256.Load(xs + k), Vector256.Load(w + k), ref s0, ref n0);
                        T.Add(Vector256.Load(xs + k + Lanes), Vector256.Load(w + k + Lanes), ref s1, ref n1);
                    }
                else
                    for (; k + Lanes < n; k += 2 * Lanes)
                    {
                        T.Add(Vector256.Load(xs + k), Vector256.Load(w + k), ref s2, ref n2);
                        T.Add(Vector256.Load(xs + k + Lanes), Vector256.Load(w + k + Lanes), ref s3, ref n3);
                    }
                if (k < n) T.Add(Vector256.Load(xs + k), Vector256.Load(w + k), ref s0, ref n0);
            }
            return Shares((s0 + s1) + (s2 + s3), (n0 + n1) + (n2 + n3), r, m);
        }
    }
}
