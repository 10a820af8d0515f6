using System.Runtime.Intrinsics;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// The relevance of one block, Conv → (ReLU…) → MaxPool, from the relevance at the pooling's output, without the
/// dense relevance tensor between them (16 × 198³ floats in MRInet's first block): relevance reaches the
/// convolution's output only at window winners, so the rule's contributions are evaluated there alone. For a winner
/// p of channel c with routed relevance r: t_k = x_k·w_ck (or its positive part), d = Σ t_k + shift_c (stabilised as
/// the rule says), and r_in[k] += t_k · r / d over the winner's receptive field — the same terms the transposed
/// convolution of <see cref="ContributionForm"/> sums, in one pass. Windows are split into slabs of output planes
/// whose receptive fields do not meet two slabs apart, so even slabs, then odd slabs, run in parallel without
/// shared writes. Batch 1, channels-first, 3-d, group 1.
/// </summary>
public static unsafe class ConvMaxPoolRouting
{
    /// <summary>Most inputs one convolution output may read (input channels × kernel volume): they live on the stack.</summary>
    public const int MaxTaps = 1024;

    /// <summary>
    /// Most input channels for which the fused pass pays (measured at MRInet 198³): with one input channel ONNX
    /// Runtime's transposed convolution is a poor matrix shape and the dense routed tensor is the largest of the
    /// network; from MRInet's 16-channel second block on, its matrix kernels beat this pass's short rows.
    /// </summary>
    public const int MaxInputChannels = 3;

    /// <summary>Whether this convolution, with this input shape, runs here.</summary>
    public static bool Supports(ConvLayer conv, int[] inputShape) =>
        conv.Group == 1 && conv.WeightShape[1] <= MaxInputChannels && conv.Window.Rank == 3 && inputShape.Length == 5 && inputShape[0] == 1
        && Layer.Count(conv.WeightShape.AsSpan(1).ToArray()) <= MaxTaps
        && Layer.Count(inputShape) < int.MaxValue;

    /// <param name="input">The convolution's input x, [1, C, D, H, W].</param>
    /// <param name="poolInput">The pooling's input (the convolution's output after the ReLUs), [1, M, D', H', W'].</param>
    /// <param name="pooled">The pooling's output, [1, M, PD, PH, PW].</param>
    /// <param name="relevance">The relevance at the pooling's output.</param>
    /// <param name="inputRelevance">Receives the relevance at x (overwritten).</param>
    public static void Backward(float* input, int[] inputShape, ConvLayer conv, ContributionForm form,
        float* poolInput, int[] poolInputShape, float* pooled, float* relevance, WindowGeometry pool, int[] pooledShape,
        float* inputRelevance)
    {
        var plan = new Plan(inputShape, conv, form, poolInputShape, pool, pooledShape);
        var total = Layer.Count(inputShape);
        var chunk = 1L << 20;
        var rIn = inputRelevance;
        Parallel.For(0, (int)((total + chunk - 1) / chunk), i =>
            new Span<float>(rIn + i * chunk, (int)Math.Min(chunk, total - i * chunk)).Clear());

        var slab = plan.SlabThickness();
        var slabs = (plan.PD + slab - 1) / slab;
        for (var phase = 0; phase < 2; phase++)
        {
            var first = phase;
            Parallel.For(0, (slabs - first + 1) / 2, i =>
            {
                var s = 2 * i + first;
                plan.Route(input, poolInput, pooled, relevance, inputRelevance, s * slab, Math.Min((s + 1) * slab, plan.PD));
            });
        }
    }

    private sealed class Plan
    {
        // Input, convolution and pooling geometry (z, y, x).
        public readonly int C, D, H, W, M, CD, CH, CW, PD, PH, PW;
        private readonly int _kd, _kh, _kw, _sd, _sh, _sw, _pd, _ph, _pw, _dd, _dh, _dw;
        private readonly int _qkd, _qkh, _qkw, _qsd, _qsh, _qsw, _qpd, _qph, _qpw;
        private readonly float[] _weights;
        private readonly ContributionForm _form;
        private readonly int _taps, _rows;
        /// <summary>Offset of every kernel tap, and of every kernel row's first tap, from the window's origin in x.</summary>
        private readonly long[] _tapOffsets, _rowOffsets;
        /// <summary>Per output channel and kernel row, the row's weights padded with zeros to four lanes.</summary>
        private readonly float[] _rowWeights;
        private readonly bool _rowsFit;

        public Plan(int[] inputShape, ConvLayer conv, ContributionForm form, int[] poolInputShape, WindowGeometry pool, int[] pooledShape)
        {
            (C, D, H, W) = (inputShape[1], inputShape[2], inputShape[3], inputShape[4]);
            (M, CD, CH, CW) = (poolInputShape[1], poolInputShape[2], poolInputShape[3], poolInputShape[4]);
            (PD, PH, PW) = (pooledShape[2], pooledShape[3], pooledShape[4]);
            var g = conv.Window;
            (_kd, _kh, _kw) = (g.Kernel[0], g.Kernel[1], g.Kernel[2]);
            (_sd, _sh, _sw) = (g.Strides[0], g.Strides[1], g.Strides[2]);
            (_pd, _ph, _pw) = (g.Pads[0], g.Pads[1], g.Pads[2]);
            (_dd, _dh, _dw) = (g.Dilations[0], g.Dilations[1], g.Dilations[2]);
            (_qkd, _qkh, _qkw) = (pool.Kernel[0], pool.Kernel[1], pool.Kernel[2]);
            (_qsd, _qsh, _qsw) = (pool.Strides[0], pool.Strides[1], pool.Strides[2]);
            (_qpd, _qph, _qpw) = (pool.Pads[0], pool.Pads[1], pool.Pads[2]);
            _weights = conv.Weights;
            _form = form;
            _rows = C * _kd * _kh;
            _taps = _rows * _kw;
            _tapOffsets = new long[_taps];
            _rowOffsets = new long[_rows];
            for (int ci = 0, row = 0, tap = 0; ci < C; ci++)
            for (var kz = 0; kz < _kd; kz++)
            for (var ky = 0; ky < _kh; ky++, row++)
            {
                _rowOffsets[row] = ((long)(ci * D + kz * _dd) * H + ky * _dh) * W;
                for (var kx = 0; kx < _kw; kx++, tap++) _tapOffsets[tap] = _rowOffsets[row] + kx * _dw;
            }
            _rowsFit = _kw <= Vector128<float>.Count && _dw == 1;
            _rowWeights = new float[M * _rows * Vector128<float>.Count];
            if (_rowsFit)
                for (var m = 0; m < M; m++)
                for (var row = 0; row < _rows; row++)
                for (var kx = 0; kx < _kw; kx++)
                    _rowWeights[(m * _rows + row) * Vector128<float>.Count + kx] = _weights[(m * _rows + row) * _kw + kx];
        }

        /// <summary>
        /// Fewest pooled planes per slab such that the x planes written from slab s and from slab s + 2 never meet
        /// (the ranges move by the same amount per slab, so checking the first pair suffices).
        /// </summary>
        public int SlabThickness()
        {
            for (var t = 1; ; t++)
            {
                long lastWritten = (((long)t - 1) * _qsd - _qpd + _qkd - 1) * _sd - _pd + (long)(_kd - 1) * _dd;
                long firstWritten = ((2L * t) * _qsd - _qpd) * _sd - _pd;
                if (lastWritten < firstWritten) return t;
            }
        }

        /// <summary>Routes the windows of pooled planes [zFrom, zTo) of every channel into x's relevance.</summary>
        public void Route(float* input, float* poolInput, float* pooled, float* relevance, float* rIn, int zFrom, int zTo)
        {
            Span<float> terms = stackalloc float[_taps];
            Span<long> at = stackalloc long[_taps];
            var rowTerms = stackalloc Vector128<float>[_rowsFit ? _rows : 1];
            var convPlane = (long)CH * CW;
            var positive = _form.PositiveProducts;
            fixed (float* rowWeightsBase = _rowWeights)
            fixed (float* weightsBase = _weights)
            fixed (long* rowOffsets = _rowOffsets)
            {
                // One row of windows at a time across all channels: the x and r_in rows it touches stay in L1.
                for (var z = zFrom; z < zTo; z++)
                {
                    var qz0 = z * _qsd - _qpd;
                    int zStart = Math.Max(qz0, 0), zEnd = Math.Min(qz0 + _qkd, CD);
                    for (var yy = 0; yy < PH; yy++)
                    {
                        var qy0 = yy * _qsh - _qph;
                        int yStart = Math.Max(qy0, 0), yEnd = Math.Min(qy0 + _qkh, CH);
                        for (var m = 0; m < M; m++)
                        {
                            var channelPool = poolInput + m * CD * convPlane;
                            var channelWeights = weightsBase + (long)m * _taps;
                            var channelRowWeights = rowWeightsBase + (long)m * _rows * Vector128<float>.Count;
                            var o = (((long)m * PD + z) * PH + yy) * PW;
                            for (var xx = 0; xx < PW; xx++, o++)
                            {
                                var r = relevance[o];
                                if (r == 0f) continue;
                                var qx0 = xx * _qsw - _qpw;
                                int xStart = Math.Max(qx0, 0), xEnd = Math.Min(qx0 + _qkw, CW);
                                var (wz, wy, wx) = Winner(channelPool, pooled[o], zStart, zEnd, yStart, yEnd, xStart, xEnd);
                                int iz0 = wz * _sd - _pd, iy0 = wy * _sh - _ph, ix0 = wx * _sw - _pw;
                                var inside = iz0 >= 0 && iz0 + (_kd - 1) * _dd < D && iy0 >= 0 && iy0 + (_kh - 1) * _dh < H
                                    && ix0 >= 0 && ix0 + (_kw - 1) * _dw < W;
                                var origin = ((long)iz0 * H + iy0) * W + ix0;
                                if (inside && _rowsFit && ix0 + Vector128<float>.Count <= W)
                                    AddRows(input, rIn, origin, rowOffsets, channelRowWeights, rowTerms, r, m, positive);
                                else if (inside)
                                    AddTaps(input, rIn, origin, channelWeights, terms, r, m, positive);
                                else
                                    AddClipped(input, rIn, iz0, iy0, ix0, channelWeights, terms, at, r, m, positive);
                            }
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The first input in scan order equal to the window's maximum, as coordinates: rows of up to four inputs
        /// with one vector compare each (the same winner as <see cref="MaxPoolRouting"/>).
        /// </summary>
        private (int Z, int Y, int X) Winner(float* channel, float target, int zStart, int zEnd, int yStart, int yEnd, int xStart, int xEnd)
        {
            if (xEnd - xStart <= Vector128<float>.Count && xStart + Vector128<float>.Count <= CW)
            {
                var t = Vector128.Create(target);
                var lanes = (1u << (xEnd - xStart)) - 1;
                for (var iz = zStart; iz < zEnd; iz++)
                for (var iy = yStart; iy < yEnd; iy++)
                {
                    var hits = Vector128.ExtractMostSignificantBits(Vector128.Equals(Vector128.Load(channel + ((long)iz * CH + iy) * CW + xStart), t)) & lanes;
                    if (hits != 0) return (iz, iy, xStart + System.Numerics.BitOperations.TrailingZeroCount(hits));
                }
            }
            else
            {
                for (var iz = zStart; iz < zEnd; iz++)
                for (var iy = yStart; iy < yEnd; iy++)
                {
                    var row = channel + ((long)iz * CH + iy) * CW;
                    for (var ix = xStart; ix < xEnd; ix++)
                        if (row[ix] == target) return (iz, iy, ix);
                }
            }
            throw new InvalidOperationException("Max pooling routing: a window's maximum is not among its inputs (NaN in the activations?).");
        }

        /// <summary>
        /// A window inside x whose rows fit four lanes: one vector per kernel row (the padding lanes weigh 0, add 0,
        /// and stay within the row, so no other slab's planes are touched).
        /// </summary>
        private void AddRows(float* input, float* rIn, long origin, long* rowOffsets, float* rowWeights, Vector128<float>* rowTerms, float r, int m, bool positive)
        {
            var sum = Vector128<float>.Zero;
            for (var row = 0; row < _rows; row++)
            {
                var t = Vector128.Load(input + origin + rowOffsets[row]) * Vector128.Load(rowWeights + row * Vector128<float>.Count);
                if (positive) t = Vector128.Max(t, Vector128<float>.Zero);
                rowTerms[row] = t;
                sum += t;
            }
            var share = Vector128.Create(r / _form.Denominator(Vector128.Sum(sum), m));
            for (var row = 0; row < _rows; row++)
            {
                var target = rIn + origin + rowOffsets[row];
                (Vector128.Load(target) + rowTerms[row] * share).Store(target);
            }
        }

        /// <summary>A window inside x, one tap at a time.</summary>
        private void AddTaps(float* input, float* rIn, long origin, float* weights, Span<float> terms, float r, int m, bool positive)
        {
            var sum = 0f;
            for (var k = 0; k < _taps; k++)
            {
                var t = input[origin + _tapOffsets[k]] * weights[k];
                if (positive && t < 0f) t = 0f;
                terms[k] = t;
                sum += t;
            }
            var share = r / _form.Denominator(sum, m);
            for (var k = 0; k < _taps; k++) rIn[origin + _tapOffsets[k]] += terms[k] * share;
        }

        /// <summary>A window reaching into the padding: padded inputs are 0 and contribute nothing.</summary>
        private void AddClipped(float* input, float* rIn, int iz0, int iy0, int ix0, float* weights, Span<float> terms, Span<long> at,
            float r, int m, bool positive)
        {
            var n = 0;
            var sum = 0f;
            for (int ci = 0, k = 0; ci < C; ci++)
            for (var kz = 0; kz < _kd; kz++)
            {
                var iz = iz0 + kz * _dd;
                for (var ky = 0; ky < _kh; ky++)
                {
                    var iy = iy0 + ky * _dh;
                    for (var kx = 0; kx < _kw; kx++, k++)
                    {
                        var ix = ix0 + kx * _dw;
                        if ((uint)iz >= (uint)D || (uint)iy >= (uint)H || (uint)ix >= (uint)W) continue;
                        var index = (((long)ci * D + iz) * H + iy) * W + ix;
                        var t = input[index] * weights[k];
                        if (positive && t < 0f) t = 0f;
                        terms[n] = t;
                        at[n++] = index;
                        sum += t;
                    }
                }
            }
            var share = r / _form.Denominator(sum, m);
            for (var k = 0; k < n; k++) rIn[at[k]] += terms[k] * share;
        }
    }
}
