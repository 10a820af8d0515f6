using System.Numerics;
using System.Runtime.Intrinsics;
using RelevanceRelated.Analysis.Xai.Layers;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// The winner-take-all return of relevance through the largest (first) max pooling of a network, where ONNX
/// Runtime's MaxPool-with-indices and ScatterElements are slow. The pooled values come from ONNX Runtime's own
/// (fast) MaxPool; the winner of a window is found again here, only for windows that carry relevance, as the first
/// input in (d, h, w) scan order equal to the window's maximum (padding excluded) — the same winner ONNX Runtime's
/// MaxPool reports as its index. Inputs that win several overlapping windows accumulate. Channels-first, batch 1,
/// 3-d windows; channels run in parallel (winners never cross channels); rows of up to four inputs (MRInet's 3)
/// are searched with one vector compare each.
/// </summary>
public static unsafe class MaxPoolRouting
{
    /// <summary>r_in = 0, then r_in[winner(j)] += r_out[j] for every output j with r_out[j] ≠ 0.</summary>
    public static void Backward(float* input, float* pooled, float* relevance, int[] inputShape, WindowGeometry window,
        int[] outputShape, float* inputRelevance)
    {
        int channels = inputShape[1], d = inputShape[2], h = inputShape[3], w = inputShape[4];
        int od = outputShape[2], oh = outputShape[3], ow = outputShape[4];
        int kd = window.Kernel[0], kh = window.Kernel[1], kw = window.Kernel[2];
        int sd = window.Strides[0], sh = window.Strides[1], sw = window.Strides[2];
        int pd = window.Pads[0], ph = window.Pads[1], pw = window.Pads[2];
        var perChannelIn = (long)d * h * w;
        var perChannelOut = (long)od * oh * ow;
        var plane = (long)h * w;
        Parallel.For(0, channels, c =>
        {
            var channelInput = input + c * perChannelIn;
            var channelRelevance = inputRelevance + c * perChannelIn;
            var o = c * perChannelOut;
            // Input planes [0, cleared) of this channel's r_in are zeroed; each is zeroed just before windows reach
            // it, so the additions find it in cache.
            long cleared = 0;
            for (var z = 0; z < od; z++)
            {
                var z0 = z * sd - pd;
                int zStart = Math.Max(z0, 0), zEnd = Math.Min(z0 + kd, d);
                if (zEnd > cleared)
                {
                    new Span<float>(channelRelevance + cleared * plane, checked((int)((zEnd - cleared) * plane))).Clear();
                    cleared = zEnd;
                }
                for (var yy = 0; yy < oh; yy++)
                {
                    var y0 = yy * sh - ph;
                    int yStart = Math.Max(y0, 0), yEnd = Math.Min(y0 + kh, h);
                    for (var xx = 0; xx < ow; xx++, o++)
                    {
                        var r = relevance[o];
                        if (r == 0f) continue;
                        var x0 = xx * sw - pw;
                        int xStart = Math.Max(x0, 0), xEnd = Math.Min(x0 + kw, w);
                        channelRelevance[Winner(channelInput, h, w, pooled[o], zStart, zEnd, yStart, yEnd, xStart, xEnd)] += r;
                    }
                }
            }
            if (cleared < d) new Span<float>(channelRelevance + cleared * plane, checked((int)((d - cleared) * plane))).Clear();
        });
    }

    /// <summary>
    /// The index (within one channel of d × h × w inputs) of the first input in scan order equal to
    /// <paramref name="target"/> in the window [zStart, zEnd) × [yStart, yEnd) × [xStart, xEnd).
    /// </summary>
    internal static long Winner(float* input, int h, int w, float target, int zStart, int zEnd, int yStart, int yEnd, int xStart, int xEnd) =>
        xEnd - xStart <= Vector128<float>.Count && xStart + Vector128<float>.Count <= w
            ? FindInShortRows(input, h, w, target, zStart, zEnd, yStart, yEnd, xStart, xEnd - xStart)
            : Find(input, h, w, target, zStart, zEnd, yStart, yEnd, xStart, xEnd);

    /// <summary>
    /// The winner when a window row has at most four inputs and four can be read: one vector compare per row, the
    /// lowest matching lane of the first matching row (scan order).
    /// </summary>
    private static long FindInShortRows(float* input, int h, int w, float target, int zStart, int zEnd, int yStart, int yEnd, int xStart, int width)
    {
        var t = Vector128.Create(target);
        var lanes = (1u << width) - 1;
        for (var iz = zStart; iz < zEnd; iz++)
        for (var iy = yStart; iy < yEnd; iy++)
        {
            var row = ((long)iz * h + iy) * w + xStart;
            var hits = Vector128.ExtractMostSignificantBits(Vector128.Equals(Vector128.Load(input + row), t)) & lanes;
            if (hits != 0) return row + BitOperations.TrailingZeroCount(hits);
        }
        throw NotFound();
    }

    private static long Find(float* input, int h, int w, float target, int zStart, int zEnd, int yStart, int yEnd, int xStart, int xEnd)
    {
        for (var iz = zStart; iz < zEnd; iz++)
        for (var iy = yStart; iy < yEnd; iy++)
        {
            var row = ((long)iz * h + iy) * w;
            for (var ix = xStart; ix < xEnd; ix++)
                if (input[row + ix] == target) return row + ix;
        }
        throw NotFound();
    }

    private static InvalidOperationException NotFound() =>
        new("Max pooling routing: a window's maximum is not among its inputs (NaN in the activations?).");
}
