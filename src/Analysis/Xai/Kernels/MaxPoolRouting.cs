using RelevanceRelated.Analysis.Xai.Layers;

namespace RelevanceRelated.Analysis.Xai.Kernels;

/// <summary>
/// Max pooling with the winner of every window recorded, and the winner-take-all return of relevance, for the
/// largest (first) pooling layer of a network, where ONNX Runtime's MaxPool-with-indices and ScatterElements are
/// slow. Channels-first, batch 1, 3-d windows. The winner is the first maximum in (d, h, w) scan order, padding
/// excluded, as in ONNX Runtime; inputs that win several overlapping windows accumulate their relevance.
/// </summary>
public static unsafe class MaxPoolRouting
{
    /// <summary>y = maxpool(x) and, per output, the flat index of its winner within x.</summary>
    public static void Forward(float* x, int[] inputShape, WindowGeometry window, int[] outputShape, float* y, int* winners)
    {
        int channels = inputShape[1], d = inputShape[2], h = inputShape[3], w = inputShape[4];
        int od = outputShape[2], oh = outputShape[3], ow = outputShape[4];
        int kd = window.Kernel[0], kh = window.Kernel[1], kw = window.Kernel[2];
        int sd = window.Strides[0], sh = window.Strides[1], sw = window.Strides[2];
        int pd = window.Pads[0], ph = window.Pads[1], pw = window.Pads[2];
        Parallel.For(0, channels * od, slab =>
        {
            var c = slab / od;
            var z = slab % od;
            var channelBase = (long)c * d * h * w;
            var z0 = z * sd - pd;
            int zStart = Math.Max(z0, 0), zEnd = Math.Min(z0 + kd, d);
            var o = ((long)c * od + z) * oh * ow;
            for (var yy = 0; yy < oh; yy++)
            {
                var y0 = yy * sh - ph;
                int yStart = Math.Max(y0, 0), yEnd = Math.Min(y0 + kh, h);
                for (var xx = 0; xx < ow; xx++, o++)
                {
                    var x0 = xx * sw - pw;
                    int xStart = Math.Max(x0, 0), xEnd = Math.Min(x0 + kw, w);
                    var best = float.NegativeInfinity;
                    var winner = -1L;
                    for (var iz = zStart; iz < zEnd; iz++)
                    for (var iy = yStart; iy < yEnd; iy++)
                    {
                        var row = channelBase + ((long)iz * h + iy) * w;
                        for (var ix = xStart; ix < xEnd; ix++)
                        {
                            var v = x[row + ix];
                            if (v > best || winner < 0)
                            {
                                best = v;
                                winner = row + ix;
                            }
                        }
                    }
                    y[o] = best;
                    winners[o] = (int)winner;
                }
            }
        });
    }

    /// <summary>r_in = 0, then r_in[winner[j]] += r_out[j] for every output j (channels in parallel: winners never cross channels).</summary>
    public static void Backward(float* relevance, int* winners, int[] outputShape, float* inputRelevance, long inputCount)
    {
        var channels = outputShape[1];
        var perChannelOut = (long)outputShape[2] * outputShape[3] * outputShape[4];
        var perChannelIn = inputCount / channels;
        Parallel.For(0, channels, c =>
        {
            new Span<float>(inputRelevance + c * perChannelIn, checked((int)perChannelIn)).Clear();
            var end = (c + 1) * perChannelOut;
            for (var j = c * perChannelOut; j < end; j++) inputRelevance[winners[j]] += relevance[j];
        });
    }
}
