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
/// convolution of <see cref="ContributionForm"/> sums, in one pass. Neighbouring windows of a row that share their
/// winner are handled once with their summed relevance. When the terms factor as t_k = x_k·w'_k (LRP-0/ε, or a
/// positive-part rule on x ≥ 0), only w'_k · r / d is added and x multiplies the sum once at the end. Slabs of pooled
/// planes run in parallel (<see cref="ConvPoolGeometry.ForEachSlab"/>). Batch 1, channels-first, 3-d, group 1.
/// </summary>
public static unsafe class ConvMaxPoolRouting
{
    /// <summary>Most inputs one convolution output may read (input channels × kernel volume): they live on the stack.</summary>
    public const int MaxTaps = 1024;

    /// <summary>
    /// Most input channels for which this pass is used (measured at MRInet 198³): with more, the channels-last kernel
    /// (<see cref="ChannelsLastConvMaxPoolRouting"/>) runs the channels in vectors where this pass has short rows.
    /// </summary>
    public const int MaxInputChannels = 3;

    /// <summary>Whether this convolution, with this input shape, runs here.</summary>
    public static bool Supports(ConvLayer conv, int[] inputShape) =>
        ConvPoolGeometry.Fits(conv, inputShape) && conv.WeightShape[1] <= MaxInputChannels
        && Layer.Count(conv.WeightShape.AsSpan(1).ToArray()) <= MaxTaps;

    /// <param name="input">The convolution's input x, [1, C, D, H, W].</param>
    /// <param name="inputNonNegative">x ≥ 0 is known, so positive-part terms factor through x.</param>
    /// <param name="poolInput">The pooling's input (the convolution's output after the ReLUs), [1, M, D', H', W'].</param>
    /// <param name="relevance">The relevance at the pooling's output, [1, M, PD, PH, PW].</param>
    /// <param name="inputRelevance">Receives the relevance at x (overwritten).</param>
    public static void Backward(float* input, int[] inputShape, bool inputNonNegative, ConvLayer conv, ContributionForm form,
        float* poolInput, int[] poolInputShape, float* relevance, WindowGeometry pool, int[] pooledShape, float* inputRelevance)
    {
        var plan = new Plan(new ConvPoolGeometry(inputShape, conv, poolInputShape, pool, pooledShape), conv, form, inputNonNegative);
        var count = Layer.Count(inputShape);
        ParallelClear.Run(inputRelevance, count);
        plan.Geometry.ForEachSlab((zFrom, zTo) => plan.Route(input, poolInput, relevance, inputRelevance, zFrom, zTo));
        if (plan.Factored) ParallelMultiply.InPlace(inputRelevance, input, count);
    }

    private sealed class Plan
    {
        public readonly ConvPoolGeometry Geometry;
        /// <summary>t_k = x_k·w'_k: the pass adds w'_k·r/d and x multiplies the result once.</summary>
        public readonly bool Factored;
        private readonly ContributionForm _form;
        private readonly bool _positive;
        /// <summary>Per output channel and tap: w, or w' = w⁺ when factored with positive parts.</summary>
        private readonly float[] _weights;
        private readonly int _taps, _rows;
        /// <summary>Offset of every kernel tap, and of every kernel row's first tap, from the window's origin in x.</summary>
        private readonly long[] _tapOffsets, _rowOffsets;
        /// <summary>Per output channel and kernel row, <see cref="_weights"/>' row padded with zeros to four lanes.</summary>
        private readonly float[] _rowWeights;
        private readonly bool _rowsFit;
        /// <summary>One input channel, a 3 × 3 kernel of rows that fit four lanes, factored terms: <see cref="AddCube3"/>.</summary>
        private readonly bool _cube3;
        private readonly long _plane;

        public Plan(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, bool inputNonNegative)
        {
            Geometry = geometry;
            var g = geometry;
            _form = form;
            Factored = !form.PositiveProducts || inputNonNegative;
            _positive = form.PositiveProducts && !Factored;
            _weights = Factored && form.PositiveProducts ? conv.Weights.Select(w => Math.Max(w, 0f)).ToArray() : conv.Weights;
            _rows = g.C * g.Kd * g.Kh;
            _taps = _rows * g.Kw;
            _tapOffsets = new long[_taps];
            _rowOffsets = new long[_rows];
            for (int ci = 0, row = 0, tap = 0; ci < g.C; ci++)
            for (var kz = 0; kz < g.Kd; kz++)
            for (var ky = 0; ky < g.Kh; ky++, row++)
            {
                _rowOffsets[row] = ((long)(ci * g.D + kz * g.Dd) * g.H + ky * g.Dh) * g.W;
                for (var kx = 0; kx < g.Kw; kx++, tap++) _tapOffsets[tap] = _rowOffsets[row] + kx * g.Dw;
            }
            _rowsFit = g.Kw <= Vector128<float>.Count && g.Dw == 1;
            _cube3 = _rowsFit && Factored && g.C == 1 && g.Kd == 3 && g.Kh == 3 && g.Dd == 1 && g.Dh == 1;
            _plane = (long)g.H * g.W;
            _rowWeights = new float[g.M * _rows * Vector128<float>.Count];
            if (_rowsFit)
                for (var m = 0; m < g.M; m++)
                for (var row = 0; row < _rows; row++)
                for (var kx = 0; kx < g.Kw; kx++)
                    _rowWeights[(m * _rows + row) * Vector128<float>.Count + kx] = _weights[(m * _rows + row) * g.Kw + kx];
        }

        /// <summary>Routes the windows of pooled planes [zFrom, zTo) of every channel into x's relevance.</summary>
        public void Route(float* input, float* poolInput, float* relevance, float* rIn, int zFrom, int zTo)
        {
            var terms = stackalloc float[_taps];
            var at = stackalloc long[_taps];
            var rowTerms = stackalloc Vector128<float>[_rowsFit ? _rows : 1];
            fixed (float* rowWeights = _rowWeights)
            fixed (float* weights = _weights)
            fixed (long* rowOffsets = _rowOffsets)
            {
                var sink = new Sink(this, input, rIn, rowOffsets, rowWeights, weights, rowTerms, terms, at);
                Geometry.WalkWinners(poolInput, relevance, zFrom, zTo, ref sink);
            }
        }

        /// <summary>The walk's winners into <see cref="Add"/>, with the pass's buffers.</summary>
        private readonly struct Sink(Plan plan, float* input, float* rIn, long* rowOffsets, float* rowWeights, float* weights,
            Vector128<float>* rowTerms, float* terms, long* at) : IWinnerSink
        {
            public void Add(int channel, int z, int y, int x, float relevance) => plan.Add(input, rIn, z, y, x, relevance, channel, rowOffsets,
                rowWeights + (long)channel * plan._rows * Vector128<float>.Count, weights + (long)channel * plan._taps, rowTerms, terms, at);
        }

        /// <summary>The contributions of one winner (a convolution output of channel m) carrying relevance r.</summary>
        private void Add(float* input, float* rIn, int wz, int wy, int wx, float r, int m, long* rowOffsets, float* rowWeights,
            float* weights, Vector128<float>* rowTerms, float* terms, long* at)
        {
            var g = Geometry;
            int iz0 = wz * g.Sd - g.Pd, iy0 = wy * g.Sh - g.Ph, ix0 = wx * g.Sw - g.Pw;
            var inside = g.FieldInside(iz0, iy0, ix0);
            var origin = ((long)iz0 * g.H + iy0) * g.W + ix0;
            if (inside && _rowsFit && ix0 + Vector128<float>.Count <= g.W)
            {
                if (_cube3) AddCube3(input + origin, rIn + origin, rowWeights, r, m);
                else if (Factored) AddRowsFactored(input, rIn, origin, rowOffsets, rowWeights, r, m);
                else AddRows(input, rIn, origin, rowOffsets, rowWeights, rowTerms, r, m);
            }
            else if (inside)
                AddTaps(input, rIn, origin, weights, terms, r, m);
            else
                AddClipped(input, rIn, iz0, iy0, ix0, weights, terms, at, r, m);
        }

        /// <summary>
        /// A window inside x whose rows fit four lanes: one vector per kernel row (the padding lanes weigh 0, add 0,
        /// and stay within the row, so no other slab's planes are touched).
        /// </summary>
        private void AddRows(float* input, float* rIn, long origin, long* rowOffsets, float* rowWeights, Vector128<float>* rowTerms, float r, int m)
        {
            var sum = Vector128<float>.Zero;
            for (var row = 0; row < _rows; row++)
            {
                var t = Vector128.Load(input + origin + rowOffsets[row]) * Vector128.Load(rowWeights + row * Vector128<float>.Count);
                if (_positive) t = Vector128.Max(t, Vector128<float>.Zero);
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

        /// <summary>
        /// <see cref="AddRowsFactored"/> written out for MRInet's first layer (one channel, 3 × 3 rows): the nine row
        /// addresses come from two strides instead of an offset table, and the loop's bookkeeping, which outweighed
        /// the arithmetic, is gone.
        /// </summary>
        private void AddCube3(float* x, float* target, float* rowWeights, float r, int m)
        {
            const int L = 4;
            long w = Geometry.W, p = _plane;
            var w0 = Vector128.Load(rowWeights);
            var w1 = Vector128.Load(rowWeights + L);
            var w2 = Vector128.Load(rowWeights + 2 * L);
            var w3 = Vector128.Load(rowWeights + 3 * L);
            var w4 = Vector128.Load(rowWeights + 4 * L);
            var w5 = Vector128.Load(rowWeights + 5 * L);
            var w6 = Vector128.Load(rowWeights + 6 * L);
            var w7 = Vector128.Load(rowWeights + 7 * L);
            var w8 = Vector128.Load(rowWeights + 8 * L);
            var s0 = Vector128.Load(x) * w0 + Vector128.Load(x + w) * w1 + Vector128.Load(x + 2 * w) * w2;
            var s1 = Vector128.Load(x + p) * w3 + Vector128.Load(x + p + w) * w4 + Vector128.Load(x + p + 2 * w) * w5;
            var s2 = Vector128.Load(x + 2 * p) * w6 + Vector128.Load(x + 2 * p + w) * w7 + Vector128.Load(x + 2 * p + 2 * w) * w8;
            var share = Vector128.Create(r / _form.Denominator(Vector128.Sum(s0 + s1 + s2), m));
            Accumulate(target, w0 * share);
            Accumulate(target + w, w1 * share);
            Accumulate(target + 2 * w, w2 * share);
            Accumulate(target + p, w3 * share);
            Accumulate(target + p + w, w4 * share);
            Accumulate(target + p + 2 * w, w5 * share);
            Accumulate(target + 2 * p, w6 * share);
            Accumulate(target + 2 * p + w, w7 * share);
            Accumulate(target + 2 * p + 2 * w, w8 * share);

            static void Accumulate(float* at, Vector128<float> value) => (Vector128.Load(at) + value).Store(at);
        }

        /// <summary>As <see cref="AddRows"/> for factored terms: d = Σ x·w' (two independent sums), then w'·r/d is added.</summary>
        private void AddRowsFactored(float* input, float* rIn, long origin, long* rowOffsets, float* rowWeights, float r, int m)
        {
            Vector128<float> even = default, odd = default;
            var row = 0;
            for (; row + 1 < _rows; row += 2)
            {
                even += Vector128.Load(input + origin + rowOffsets[row]) * Vector128.Load(rowWeights + row * Vector128<float>.Count);
                odd += Vector128.Load(input + origin + rowOffsets[row + 1]) * Vector128.Load(rowWeights + (row + 1) * Vector128<float>.Count);
            }
            if (row < _rows) even += Vector128.Load(input + origin + rowOffsets[row]) * Vector128.Load(rowWeights + row * Vector128<float>.Count);
            var share = Vector128.Create(r / _form.Denominator(Vector128.Sum(even + odd), m));
            for (row = 0; row < _rows; row++)
            {
                var target = rIn + origin + rowOffsets[row];
                (Vector128.Load(target) + Vector128.Load(rowWeights + row * Vector128<float>.Count) * share).Store(target);
            }
        }

        /// <summary>A window inside x, one tap at a time.</summary>
        private void AddTaps(float* input, float* rIn, long origin, float* weights, float* terms, float r, int m)
        {
            var sum = 0f;
            for (var k = 0; k < _taps; k++)
            {
                var t = input[origin + _tapOffsets[k]] * weights[k];
                if (_positive && t < 0f) t = 0f;
                terms[k] = Factored ? weights[k] : t;
                sum += t;
            }
            var share = r / _form.Denominator(sum, m);
            for (var k = 0; k < _taps; k++) rIn[origin + _tapOffsets[k]] += terms[k] * share;
        }

        /// <summary>A window reaching into the padding: padded inputs are 0 and contribute nothing.</summary>
        private void AddClipped(float* input, float* rIn, int iz0, int iy0, int ix0, float* weights, float* terms, long* at,
            float r, int m)
        {
            var n = 0;
            var sum = 0f;
            var g = Geometry;
            for (int ci = 0, k = 0; ci < g.C; ci++)
            for (var kz = 0; kz < g.Kd; kz++)
            {
                var iz = iz0 + kz * g.Dd;
                for (var ky = 0; ky < g.Kh; ky++)
                {
                    var iy = iy0 + ky * g.Dh;
                    for (var kx = 0; kx < g.Kw; kx++, k++)
                    {
                        var ix = ix0 + kx * g.Dw;
                        if ((uint)iz >= (uint)g.D || (uint)iy >= (uint)g.H || (uint)ix >= (uint)g.W) continue;
                        var index = (((long)ci * g.D + iz) * g.H + iy) * g.W + ix;
                        var t = input[index] * weights[k];
                        if (_positive && t < 0f) t = 0f;
                        terms[n] = Factored ? weights[k] : t;
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
