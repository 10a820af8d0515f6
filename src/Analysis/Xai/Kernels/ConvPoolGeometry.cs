using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RelevanceRelated.Analysis.Xai.Layers;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>The kernel taps [Z0, Z1) × [Y0, Y1) × [X0, X1) of a receptive field that lie inside the input.</summary>
internal readonly record struct KernelRange(int Z0, int Z1, int Y0, int Y1, int X0, int X1, int Kd, int Kh, int Kw)
{
    /// <summary>Every tap is inside.</summary>
    public bool Full => Z0 == 0 && Y0 == 0 && X0 == 0 && Z1 == Kd && Y1 == Kh && X1 == Kw;

    /// <summary>Every tap of a kernel row is inside (the row can be read as one run).</summary>
    public bool FullRows => X0 == 0 && X1 == Kw;
}

/// <summary>Receives the distinct winners of a walk (<see cref="ConvPoolGeometry.WalkWinners{TSink}"/>) with their summed relevance.</summary>
internal interface IWinnerSink
{
    void Add(int channel, int z, int y, int x, float relevance);
}

/// <summary>
/// The geometry of one block, Conv → (ReLU…) → MaxPool, as the fused relevance kernels walk it: input x [1, C, D, H, W],
/// the convolution's output (the pooling's input) [1, M, CD, CH, CW], the pooled output [1, M, PD, PH, PW]; finding a
/// window's winner; and the slabs of pooled planes that may run in parallel. Batch 1, channels-first, 3-d, group 1.
/// </summary>
internal sealed unsafe class ConvPoolGeometry
{
    public readonly int C, D, H, W, M, CD, CH, CW, PD, PH, PW;
    public readonly int Kd, Kh, Kw, Sd, Sh, Sw, Pd, Ph, Pw;
    private readonly int _qkd, _qkh, _qkw, _qsd, _qsh, _qsw, _qpd, _qph, _qpw;

    public ConvPoolGeometry(int[] inputShape, ConvLayer conv, int[] poolInputShape, WindowGeometry pool, int[] pooledShape)
    {
        (C, D, H, W) = (inputShape[1], inputShape[2], inputShape[3], inputShape[4]);
        (M, CD, CH, CW) = (poolInputShape[1], poolInputShape[2], poolInputShape[3], poolInputShape[4]);
        (PD, PH, PW) = (pooledShape[2], pooledShape[3], pooledShape[4]);
        var g = conv.Window;
        (Kd, Kh, Kw) = (g.Kernel[0], g.Kernel[1], g.Kernel[2]);
        (Sd, Sh, Sw) = (g.Strides[0], g.Strides[1], g.Strides[2]);
        (Pd, Ph, Pw) = (g.Pads[0], g.Pads[1], g.Pads[2]);
        (_qkd, _qkh, _qkw) = (pool.Kernel[0], pool.Kernel[1], pool.Kernel[2]);
        (_qsd, _qsh, _qsw) = (pool.Strides[0], pool.Strides[1], pool.Strides[2]);
        (_qpd, _qph, _qpw) = (pool.Pads[0], pool.Pads[1], pool.Pads[2]);
    }

    /// <summary>Whether a block with this convolution and input shape has the layout the fused kernels walk (undilated, group 1).</summary>
    public static bool Fits(ConvLayer conv, int[] inputShape) =>
        conv.Group == 1 && conv.Window.Rank == 3 && conv.Window.IsUndilated && inputShape.Length == 5 && inputShape[0] == 1
        && Layer.Count(inputShape) < int.MaxValue;

    /// <summary>Whether the pooling's windows are small enough for the row codes of <see cref="ColumnMaxima"/>.</summary>
    public static bool PoolFits(WindowGeometry pool) => pool.Rank == 3 && pool.Kernel[1] <= 256 && pool.Kernel[0] <= 1 << 20;

    /// <summary>Voxels of one input channel.</summary>
    public long InputPlaneVolume => (long)D * H * W;

    /// <summary>
    /// Runs <paramref name="route"/> over slabs of pooled planes [zFrom, zTo): even slabs in parallel, then odd ones.
    /// Slabs are thick enough that the x planes written from slab s and from slab s + 2 never meet, so no two
    /// concurrent slabs write the same input voxel.
    /// </summary>
    public void ForEachSlab(Action<int, int> route)
    {
        var slab = SlabThickness();
        var slabs = (PD + slab - 1) / slab;
        for (var phase = 0; phase < 2; phase++)
        {
            var first = phase;
            Parallel.For(0, (slabs - first + 1) / 2, i =>
            {
                var s = 2 * i + first;
                route(s * slab, Math.Min((s + 1) * slab, PD));
            });
        }
    }

    /// <summary>
    /// Every window of pooled planes [zFrom, zTo) whose relevance is not 0, one row of windows at a time across all
    /// channels (so the input rows a row's winners touch stay in cache): finds each window's winner and hands it to
    /// <paramref name="sink"/>, once per run of neighbouring windows that share it (a column shared by two windows often
    /// wins both), with their relevance summed. The sink is a struct so its Add is compiled into the loop.
    /// </summary>
    public void WalkWinners<TSink>(float* poolInput, float* relevance, int zFrom, int zTo, ref TSink sink) where TSink : struct, IWinnerSink
    {
        var convVolume = (long)CD * CH * CW;
        // Per column of the current window row: its maximum and first row (ColumnMaxima); per window: its winner (RowWinners).
        var columnBest = new float[CW];
        var columnRow = new int[CW];
        var rowWinnerX = new int[PW];
        var rowWinnerCode = new int[PW];
        fixed (float* best = columnBest)
        fixed (int* firstRow = columnRow)
        fixed (int* winnerX = rowWinnerX)
        fixed (int* winnerCode = rowWinnerCode)
        {
            for (var z = zFrom; z < zTo; z++)
            {
                var (zStart, zEnd) = WindowZ(z);
                for (var yy = 0; yy < PH; yy++)
                {
                    var (yStart, yEnd) = WindowY(yy);
                    for (var m = 0; m < M; m++)
                    {
                        ColumnMaxima(poolInput + m * convVolume, zStart, zEnd, yStart, yEnd, best, firstRow);
                        RowWinners(best, firstRow, winnerX, winnerCode);
                        var o = (((long)m * PD + z) * PH + yy) * PW;
                        int pendingZ = -1, pendingY = -1, pendingX = -1;
                        var pendingRelevance = 0f;
                        for (var xx = 0; xx < PW; xx++, o++)
                        {
                            var r = relevance[o];
                            if (r == 0f) continue;
                            int wz = zStart + (winnerCode[xx] >> 8), wy = yStart + (winnerCode[xx] & 0xFF), wx = winnerX[xx];
                            if (wz == pendingZ && wy == pendingY && wx == pendingX)
                            {
                                pendingRelevance += r;
                                continue;
                            }
                            if (pendingZ >= 0) sink.Add(m, pendingZ, pendingY, pendingX, pendingRelevance);
                            (pendingZ, pendingY, pendingX, pendingRelevance) = (wz, wy, wx, r);
                        }
                        if (pendingZ >= 0) sink.Add(m, pendingZ, pendingY, pendingX, pendingRelevance);
                    }
                }
            }
        }
    }

    /// <summary>The fewest pooled planes per slab for <see cref="ForEachSlab"/> (the write ranges move by the same amount per slab, so the first pair decides).</summary>
    private int SlabThickness()
    {
        for (var t = 1; ; t++)
        {
            long lastWritten = (((long)t - 1) * _qsd - _qpd + _qkd - 1) * Sd - Pd + (Kd - 1);
            long firstWritten = ((2L * t) * _qsd - _qpd) * Sd - Pd;
            if (lastWritten < firstWritten) return t;
        }
    }

    /// <summary>The pooling window of pooled plane z along depth: [start, end) in the pooling's input.</summary>
    public (int Start, int End) WindowZ(int z) => Clip(z * _qsd - _qpd, _qkd, CD);

    public (int Start, int End) WindowY(int y) => Clip(y * _qsh - _qph, _qkh, CH);

    public (int Start, int End) WindowX(int x) => Clip(x * _qsw - _qpw, _qkw, CW);

    private static (int, int) Clip(int origin, int kernel, int size) => (Math.Max(origin, 0), Math.Min(origin + kernel, size));

    /// <summary>
    /// The kernel taps of the convolution output whose first input is (iz0, iy0, ix0) that fall inside x (the others
    /// read the convolution's zero padding and contribute nothing).
    /// </summary>
    public KernelRange Field(int iz0, int iy0, int ix0) => new(
        Math.Max(0, -iz0), Math.Min(Kd, D - iz0),
        Math.Max(0, -iy0), Math.Min(Kh, H - iy0),
        Math.Max(0, -ix0), Math.Min(Kw, W - ix0),
        Kd, Kh, Kw);

    /// <summary>
    /// For one row of windows (pooled plane and row) in one channel, per column of the pooling input: the largest value
    /// over the window rows [zStart, zEnd) × [yStart, yEnd), and the first row (in scan order) that has it, coded as
    /// (z − zStart) · 256 + (y − yStart) so that codes order as the scan does. Vectors over contiguous columns, no branch
    /// on the data; <see cref="RowWinners"/> then needs only each window's columns. NaN activations are not supported (the
    /// network's forward pass would be NaN too).
    /// </summary>
    public void ColumnMaxima(float* channel, int zStart, int zEnd, int yStart, int yEnd, float* best, int* firstRow)
    {
        var lanes = Vector256<float>.Count;
        for (var iz = zStart; iz < zEnd; iz++)
        for (var iy = yStart; iy < yEnd; iy++)
        {
            var values = channel + ((long)iz * CH + iy) * CW;
            var code = (iz - zStart) << 8 | (iy - yStart);
            if (code == 0)
            {
                new ReadOnlySpan<float>(values, CW).CopyTo(new Span<float>(best, CW));
                new Span<int>(firstRow, CW).Clear();
                continue;
            }
            var index = Vector256.Create(code);
            var cx = 0;
            for (; cx + lanes <= CW; cx += lanes)
            {
                var v = Vector256.Load(values + cx);
                var b = Vector256.Load(best + cx);
                var greater = Vector256.GreaterThan(v, b);
                Vector256.ConditionalSelect(greater, v, b).Store(best + cx);
                Vector256.ConditionalSelect(greater.AsInt32(), index, Vector256.Load(firstRow + cx)).Store(firstRow + cx);
            }
            for (; cx < CW; cx++)
                if (values[cx] > best[cx]) (best[cx], firstRow[cx]) = (values[cx], code);
        }
    }

    /// <summary>
    /// The winner of the window over columns [xStart, xEnd) from <see cref="ColumnMaxima"/>, as its column and row
    /// code: the first input in scan order (z, then y, then x) equal to the window's maximum — the same winner as
    /// <see cref="MaxPoolRouting"/> and ONNX Runtime's MaxPool index. Written with selects rather than branches: which
    /// column wins is data, and a mispredicted branch per window cost more than the comparisons.
    /// </summary>
    private static (int X, int Code) Winner(float* best, int* firstRow, int xStart, int xEnd)
    {
        int x = xStart, code = firstRow[xStart];
        var value = best[xStart];
        for (var cx = xStart + 1; cx < xEnd; cx++)
        {
            float v = best[cx];
            int c = firstRow[cx];
            var better = v > value | (v == value & c < code);
            x = better ? cx : x;
            code = better ? c : code;
            value = better ? v : value;
        }
        return (x, code);
    }

    /// <summary>
    /// The winners of every window of the current row from <see cref="ColumnMaxima"/>: per pooled x, the winning column
    /// and its row code. Windows wholly inside the row are decided eight at a time with gathers (the same comparison as
    /// <see cref="Winner"/>); the clipped ones at either end one at a time.
    /// </summary>
    public void RowWinners(float* best, int* firstRow, int* winnerX, int* winnerCode)
    {
        var lanes = Vector256<int>.Count;
        // Windows [first, last] lie inside the row: x·sw − pw ≥ 0 and x·sw − pw + kw ≤ CW.
        var first = Math.Min(PW, (_qpw + _qsw - 1) / _qsw);
        var last = Math.Min(PW - 1, (CW - _qkw + _qpw) / _qsw);
        var xx = 0;
        for (; xx < first; xx++) OneWinner(best, firstRow, xx, winnerX, winnerCode);
        if (Avx2.IsSupported)
        {
            var step = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * _qsw;
            for (; xx + lanes - 1 <= last; xx += lanes)
            {
                var column = Vector256.Create(xx * _qsw - _qpw) + step;
                var winnerColumn = column;
                var value = Avx2.GatherVector256(best, column, sizeof(float));
                var code = Avx2.GatherVector256(firstRow, column, sizeof(int));
                for (var j = 1; j < _qkw; j++)
                {
                    column += Vector256<int>.One;
                    var v = Avx2.GatherVector256(best, column, sizeof(float));
                    var c = Avx2.GatherVector256(firstRow, column, sizeof(int));
                    var better = Vector256.GreaterThan(v, value).AsInt32()
                        | (Vector256.Equals(v, value).AsInt32() & Vector256.LessThan(c, code));
                    value = Vector256.ConditionalSelect(better.AsSingle(), v, value);
                    code = Vector256.ConditionalSelect(better, c, code);
                    winnerColumn = Vector256.ConditionalSelect(better, column, winnerColumn);
                }
                winnerColumn.Store(winnerX + xx);
                code.Store(winnerCode + xx);
            }
        }
        for (; xx < PW; xx++) OneWinner(best, firstRow, xx, winnerX, winnerCode);
    }

    private void OneWinner(float* best, int* firstRow, int xx, int* winnerX, int* winnerCode)
    {
        var (xStart, xEnd) = WindowX(xx);
        (winnerX[xx], winnerCode[xx]) = Winner(best, firstRow, xStart, xEnd);
    }
}
