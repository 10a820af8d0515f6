using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// The relevance of one block, Conv → (ReLU…) → MaxPool, from the relevance at the pooling's output, without the
/// dense relevance tensor between them (16 × 198³ floats in MRInet's first block): relevance reaches the
/// convolution's output only at window winners, so the rule's contributions are evaluated there alone. For a winner
/// p of channel c with routed relevance r: t_k = x_k·w_ck (or its positive part), d = Σ t_k + shift_c (stabilised as
/// the rule says), and r_in[k] += α·t_k·r/d over the winner's receptive field — the same terms the transposed
/// convolution of <see cref="ContributionForm"/> sums, in one pass; an αβ rule adds its β part, −β·t⁻_k·r/d⁻, from the
/// negative products' own sum. Neighbouring windows of a row that share their winner are handled once with their
/// summed relevance. When the terms factor as t_k = x_k·w'_k (LRP-0/ε, or positive-part and αβ rules on x ≥ 0), only
/// w'_k · r / d is added and x multiplies the sum once at the end (<see cref="IContributionTerms"/>). Slabs of pooled
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

    private const int RowLanes = 8;

    /// <summary>Whether this convolution, with this input shape, runs here.</summary>
    public static bool Supports(ConvLayer conv, int[] inputShape) =>
        ConvPoolGeometry.Fits(conv, inputShape) && conv.WeightShape[1] <= MaxInputChannels
        && Layer.Count(conv.WeightShape.AsSpan(1).ToArray()) <= MaxTaps;

    /// <summary>This kernel for <see cref="FusedBlockKernel.Backward{TKernel}"/>.</summary>
    internal readonly struct Kernel : IFusedBlockKernel
    {
        public void Run<T>(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput,
            float* input, float* poolInput, float* relevance, float* inputRelevance) where T : struct, IContributionTerms =>
            ConvMaxPoolRouting.Run<T>(geometry, conv, form, kind, readOutput, input, poolInput, relevance, inputRelevance);
    }

    private static void Run<T>(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput,
        float* input, float* poolInput, float* relevance, float* inputRelevance) where T : struct, IContributionTerms
    {
        var plan = new Plan<T>(geometry, conv, form, kind, readOutput);
        var count = geometry.InputPlaneVolume * geometry.C;
        ParallelClear.Run(inputRelevance, count);
        geometry.ForEachSlab((zFrom, zTo) => plan.Route(input, poolInput, relevance, inputRelevance, zFrom, zTo));
        if (T.Factored) ParallelMultiply.InPlace(inputRelevance, input, count);
    }

    private sealed class Plan<T> where T : struct, IContributionTerms
    {
        private readonly ConvPoolGeometry _geometry;
        private readonly ContributionForm _form;
        private readonly float _alpha, _beta;
        /// <summary>Per output channel and tap: w, or w⁺ when positive products factor (<see cref="ContributionTerms.Weight"/>).</summary>
        private readonly float[] _weights;
        private readonly int _taps, _rows;
        /// <summary>Offset of every kernel row's first tap from the window's origin in x (rows ordered by channel, z, y).</summary>
        private readonly long[] _rowOffsets;
        /// <summary>Per output channel and kernel row, <see cref="_weights"/>' row padded with zeros to eight lanes.</summary>
        private readonly float[] _rowWeights;
        /// <summary>Kernel rows of at most eight taps: one vector each (<see cref="SumRows"/>).</summary>
        private readonly bool _rowsFit;
        /// <summary>One input channel, a 3 × 3 kernel of rows of at most four taps, factored terms: <see cref="SumCube3"/>.</summary>
        private readonly bool _cube3;
        private readonly long _plane;
        /// <summary>A winner's denominator is its value in the pooling's input when that is &gt; 0.</summary>
        private readonly bool _readOutput;

        public Plan(ConvPoolGeometry geometry, ConvLayer conv, ContributionForm form, TermsKind kind, bool readOutput)
        {
            _geometry = geometry;
            _readOutput = readOutput;
            var g = geometry;
            _form = form;
            _alpha = form.Alpha;
            _beta = form.Negative?.Beta ?? 0f;
            _weights = conv.Weights.Select(w => ContributionTerms.Weight(form, kind, w)).ToArray();
            _rows = g.C * g.Kd * g.Kh;
            _taps = _rows * g.Kw;
            _rowOffsets = new long[_rows];
            for (int ci = 0, row = 0; ci < g.C; ci++)
            for (var kz = 0; kz < g.Kd; kz++)
            for (var ky = 0; ky < g.Kh; ky++, row++)
                _rowOffsets[row] = ((long)(ci * g.D + kz) * g.H + ky) * g.W;
            _rowsFit = g.Kw <= RowLanes;
            _cube3 = g.Kw <= Vector128<float>.Count && T.Factored && g.C == 1 && g.Kd == 3 && g.Kh == 3;
            _plane = (long)g.H * g.W;
            _rowWeights = new float[g.M * _rows * RowLanes];
            if (_rowsFit)
                for (var m = 0; m < g.M; m++)
                for (var row = 0; row < _rows; row++)
                for (var kx = 0; kx < g.Kw; kx++)
                    _rowWeights[(m * _rows + row) * RowLanes + kx] = _weights[(m * _rows + row) * g.Kw + kx];
        }

        /// <summary>Routes the windows of pooled planes [zFrom, zTo) of every channel into x's relevance.</summary>
        public void Route(float* input, float* poolInput, float* relevance, float* rIn, int zFrom, int zTo)
        {
            fixed (float* rowWeights = _rowWeights)
            fixed (float* weights = _weights)
            fixed (long* rowOffsets = _rowOffsets)
            {
                var sink = new Sink(this, input, poolInput, rIn, rowOffsets, rowWeights, weights);
                _geometry.WalkWinners(poolInput, relevance, zFrom, zTo, ref sink);
            }
        }

        /// <summary>The walk's winners into <see cref="Add"/>, with the pass's buffers.</summary>
        private readonly struct Sink(Plan<T> plan, float* input, float* poolInput, float* rIn, long* rowOffsets, float* rowWeights, float* weights)
            : IWinnerSink
        {
            public void Add(int channel, int z, int y, int x, float relevance) => plan.Add(input, poolInput, rIn, z, y, x, relevance, channel, rowOffsets,
                rowWeights + (long)channel * plan._rows * RowLanes, weights + (long)channel * plan._taps);
        }

        /// <summary>The shares a = α·r/d and b = −β·r/d⁻ of a winner of channel m from its sums.</summary>
        private (float A, float B) Shares(float sum, float negativeSum, float r, int m) =>
            (_alpha * r / _form.Denominator(sum, m), T.TwoParts ? -_beta * r / _form.NegativeDenominator(negativeSum, m) : 0f);

        /// <summary>
        /// The contributions of one winner (a convolution output of channel m) carrying relevance r: the denominators'
        /// sums over its receptive field (or its output from the forward pass), then its terms added to x's relevance.
        /// </summary>
        private void Add(float* input, float* poolInput, float* rIn, int wz, int wy, int wx, float r, int m, long* rowOffsets, float* rowWeights,
            float* weights)
        {
            var g = _geometry;
            int iz0 = wz * g.Sd - g.Pd, iy0 = wy * g.Sh - g.Ph, ix0 = wx * g.Sw - g.Pw;
            float* x = input + (((long)iz0 * g.H + iy0) * g.W + ix0), target = rIn + (((long)iz0 * g.H + iy0) * g.W + ix0);
            var field = g.Field(iz0, iy0, ix0);
            // Vector rows read and write past the kernel's last tap (weights 0, adding 0) but stay within x's row, so no
            // other slab's planes are touched.
            var path = field.Full && _cube3 && ix0 + Vector128<float>.Count <= g.W ? FieldPath.Cube3
                : field.Full && _rowsFit && ix0 + RowLanes <= g.W ? FieldPath.Rows
                : _rowsFit && field.FullRows && ix0 + RowLanes <= g.W ? FieldPath.ClippedRows
                : FieldPath.Taps;
            var output = _readOutput ? poolInput[(((long)m * g.CD + wz) * g.CH + wy) * g.CW + wx] : 0f;
            float a, b;
            if (output > 0f) (a, b) = (_alpha * r / _form.OutputDenominator(output), 0f);
            else
            {
                var (sum, negativeSum) = path switch
                {
                    FieldPath.Cube3 => SumCube3(x, rowWeights),
                    FieldPath.Rows => SumRows(x, rowOffsets, rowWeights),
                    _ => SumField(x, field, path == FieldPath.ClippedRows, rowOffsets, rowWeights, weights),
                };
                (a, b) = Shares(sum, negativeSum, r, m);
            }
            switch (path)
            {
                case FieldPath.Cube3: ScatterCube3(target, rowWeights, a, b); break;
                case FieldPath.Rows: ScatterRows(x, target, rowOffsets, rowWeights, a, b); break;
                default: ScatterField(x, target, field, path == FieldPath.ClippedRows, rowOffsets, rowWeights, weights, a, b); break;
            }
        }

        /// <summary>How a winner's receptive field is read: see <see cref="Add"/>.</summary>
        private enum FieldPath
        {
            /// <summary>Inside x, one channel, 3 × 3 rows of at most four taps, factored: <see cref="SumCube3"/>.</summary>
            Cube3,
            /// <summary>Inside x, rows of at most eight taps: one vector per row.</summary>
            Rows,
            /// <summary>Reaching into the padding in z or y only: the rows inside, one vector each.</summary>
            ClippedRows,
            /// <summary>Anything else: the taps inside, one at a time.</summary>
            Taps,
        }

        /// <summary>The sums over a field inside x, one vector per kernel row, two independent sums.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private (float, float) SumRows(float* x, long* rowOffsets, float* rowWeights)
        {
            Vector256<float> even = default, odd = default, evenNegative = default, oddNegative = default;
            var row = 0;
            for (; row + 1 < _rows; row += 2)
            {
                T.Add(Vector256.Load(x + rowOffsets[row]), Vector256.Load(rowWeights + row * RowLanes), ref even, ref evenNegative);
                T.Add(Vector256.Load(x + rowOffsets[row + 1]), Vector256.Load(rowWeights + (row + 1) * RowLanes), ref odd, ref oddNegative);
            }
            if (row < _rows) T.Add(Vector256.Load(x + rowOffsets[row]), Vector256.Load(rowWeights + row * RowLanes), ref even, ref evenNegative);
            return (Vector256.Sum(even + odd), T.TwoParts ? Vector256.Sum(evenNegative + oddNegative) : 0f);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScatterRows(float* x, float* target, long* rowOffsets, float* rowWeights, float a, float b)
        {
            var (va, vb) = (Vector256.Create(a), Vector256.Create(b));
            for (var row = 0; row < _rows; row++)
            {
                var at = target + rowOffsets[row];
                var xs = T.Factored ? default : Vector256.Load(x + rowOffsets[row]);
                (Vector256.Load(at) + T.Term(xs, Vector256.Load(rowWeights + row * RowLanes), va, vb)).Store(at);
            }
        }

        /// <summary>
        /// The sums for MRInet's first layer (one channel, 3 × 3 rows of four lanes, factored terms) written out: the nine
        /// row addresses come from two strides instead of an offset table, and the loop's bookkeeping, which outweighed
        /// the arithmetic, is gone.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private (float, float) SumCube3(float* x, float* rowWeights)
        {
            const int L = RowLanes;
            long w = _geometry.W, p = _plane;
            Vector128<float> s0 = default, s1 = default, s2 = default, n0 = default, n1 = default, n2 = default;
            T.Add(Vector128.Load(x), Vector128.Load(rowWeights), ref s0, ref n0);
            T.Add(Vector128.Load(x + p), Vector128.Load(rowWeights + 3 * L), ref s1, ref n1);
            T.Add(Vector128.Load(x + 2 * p), Vector128.Load(rowWeights + 6 * L), ref s2, ref n2);
            T.Add(Vector128.Load(x + w), Vector128.Load(rowWeights + L), ref s0, ref n0);
            T.Add(Vector128.Load(x + p + w), Vector128.Load(rowWeights + 4 * L), ref s1, ref n1);
            T.Add(Vector128.Load(x + 2 * p + w), Vector128.Load(rowWeights + 7 * L), ref s2, ref n2);
            T.Add(Vector128.Load(x + 2 * w), Vector128.Load(rowWeights + 2 * L), ref s0, ref n0);
            T.Add(Vector128.Load(x + p + 2 * w), Vector128.Load(rowWeights + 5 * L), ref s1, ref n1);
            T.Add(Vector128.Load(x + 2 * p + 2 * w), Vector128.Load(rowWeights + 8 * L), ref s2, ref n2);
            return (Vector128.Sum(s0 + s1 + s2), T.TwoParts ? Vector128.Sum(n0 + n1 + n2) : 0f);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScatterCube3(float* target, float* rowWeights, float a, float b)
        {
            const int L = RowLanes;
            long w = _geometry.W, p = _plane;
            var (va, vb) = (Vector128.Create(a), Vector128.Create(b));
            Accumulate(target, T.Term(default, Vector128.Load(rowWeights), va, vb));
            Accumulate(target + w, T.Term(default, Vector128.Load(rowWeights + L), va, vb));
            Accumulate(target + 2 * w, T.Term(default, Vector128.Load(rowWeights + 2 * L), va, vb));
            Accumulate(target + p, T.Term(default, Vector128.Load(rowWeights + 3 * L), va, vb));
            Accumulate(target + p + w, T.Term(default, Vector128.Load(rowWeights + 4 * L), va, vb));
            Accumulate(target + p + 2 * w, T.Term(default, Vector128.Load(rowWeights + 5 * L), va, vb));
            Accumulate(target + 2 * p, T.Term(default, Vector128.Load(rowWeights + 6 * L), va, vb));
            Accumulate(target + 2 * p + w, T.Term(default, Vector128.Load(rowWeights + 7 * L), va, vb));
            Accumulate(target + 2 * p + 2 * w, T.Term(default, Vector128.Load(rowWeights + 8 * L), va, vb));

            static void Accumulate(float* at, Vector128<float> value) => (Vector128.Load(at) + value).Store(at);
        }

        /// <summary>
        /// The sums over the taps of a field inside x (those in the padding read zeros and contribute nothing): whole rows
        /// as vectors when <paramref name="vectorRows"/>, else tap by tap.
        /// </summary>
        private (float, float) SumField(float* x, KernelRange field, bool vectorRows, long* rowOffsets, float* rowWeights, float* weights)
        {
            var g = _geometry;
            Vector256<float> vectorSum = default, vectorNegative = default;
            float sum = 0f, negativeSum = 0f;
            for (var ci = 0; ci < g.C; ci++)
            for (var kz = field.Z0; kz < field.Z1; kz++)
            for (var ky = field.Y0; ky < field.Y1; ky++)
            {
                var row = (ci * g.Kd + kz) * g.Kh + ky;
                var xs = x + rowOffsets[row];
                if (vectorRows) T.Add(Vector256.Load(xs), Vector256.Load(rowWeights + row * RowLanes), ref vectorSum, ref vectorNegative);
                else
                {
                    var ws = weights + row * g.Kw;
                    for (var kx = field.X0; kx < field.X1; kx++) T.Add(xs[kx], ws[kx], ref sum, ref negativeSum);
                }
            }
            return (sum + Vector256.Sum(vectorSum), negativeSum + Vector256.Sum(vectorNegative));
        }

        private void ScatterField(float* x, float* target, KernelRange field, bool vectorRows, long* rowOffsets, float* rowWeights, float* weights,
            float a, float b)
        {
            var g = _geometry;
            var (va, vb) = (Vector256.Create(a), Vector256.Create(b));
            for (var ci = 0; ci < g.C; ci++)
            for (var kz = field.Z0; kz < field.Z1; kz++)
            for (var ky = field.Y0; ky < field.Y1; ky++)
            {
                var row = (ci * g.Kd + kz) * g.Kh + ky;
                float* xs = x + rowOffsets[row], at = target + rowOffsets[row];
                if (vectorRows)
                    (Vector256.Load(at) + T.Term(T.Factored ? default : Vector256.Load(xs), Vector256.Load(rowWeights + row * RowLanes), va, vb)).Store(at);
                else
                {
                    var ws = weights + row * g.Kw;
                    for (var kx = field.X0; kx < field.X1; kx++) at[kx] += T.Term(xs[kx], ws[kx], a, b);
                }
            }
        }
    }
}
