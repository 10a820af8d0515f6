using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// An independent float64 interpreter of the ONNX graphs our builder writes (straight loops over the original
/// nodes, no canonicalisation), used to compute reference outputs and finite-difference gradients.
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly GraphProto _graph;
    private readonly Dictionary<string, (double[] Data, int[] Shape)> _constants = new();

    public ReferenceNetwork(byte[] model)
    {
        _graph = ModelProto.Parser.ParseFrom(model).Graph;
        foreach (var t in _graph.Initializer)
        {
            var dims = t.Dims.Select(d => (int)d).ToArray();
            var data = t.DataType == (int)TensorProto.Types.DataType.Int64
                ? OnnxTensors.ToInt64s(t).Select(v => (double)v).ToArray()
                : OnnxTensors.ToFloats(t).Select(v => (double)v).ToArray();
            _constants[t.Name] = (data, dims);
        }
    }

    /// <summary>The model's output for an input given in the model's input shape (batch 1); Cast is the identity here.</summary>
    public double[] Run(double[] input, int[] inputShape)
    {
        var values = new Dictionary<string, (double[] Data, int[] Shape)>(_constants) { [_graph.Input[0].Name] = (input, inputShape) };
        foreach (var node in _graph.Node)
        {
            var x = values[node.Input[0]];
            values[node.Output[0]] = Evaluate(node, x, node.Input.Skip(1).Select(n => values[n]).ToArray());
        }
        return values[_graph.Output[0].Name].Data;
    }

    /// <summary>∂output[0]/∂input by central differences (exact on piecewise-linear networks away from kinks).</summary>
    public double[] Gradient(double[] input, int[] inputShape, double h = 1e-4)
    {
        var gradient = new double[input.Length];
        var probe = input.ToArray();
        for (var i = 0; i < input.Length; i++)
        {
            probe[i] = input[i] + h;
            var up = Run(probe, inputShape)[0];
            probe[i] = input[i] - h;
            var down = Run(probe, inputShape)[0];
            probe[i] = input[i];
            gradient[i] = (up - down) / (2 * h);
        }
        return gradient;
    }

    private static (double[], int[]) Evaluate(NodeProto node, (double[] Data, int[] Shape) x, (double[] Data, int[] Shape)[] args)
    {
        switch (node.OpType)
        {
            case "Cast":
            case "Identity":
                return x;
            case "Relu":
                return (x.Data.Select(v => Math.Max(v, 0)).ToArray(), x.Shape);
            case "Transpose":
            {
                var perm = OnnxAttributes.Ints(node, "perm")!;
                var shape = perm.Select(p => x.Shape[p]).ToArray();
                var result = new double[x.Data.Length];
                var inStrides = Strides(x.Shape);
                var index = new int[shape.Length];
                for (var flat = 0; flat < result.Length; flat++)
                {
                    Unravel(flat, shape, index);
                    var src = 0;
                    for (var a = 0; a < shape.Length; a++) src += index[a] * inStrides[perm[a]];
                    result[flat] = x.Data[src];
                }
                return (result, shape);
            }
            case "Reshape":
            {
                var target = args[0].Data.Select(v => (int)v).ToArray();
                var known = target.Where(t => t > 0).Aggregate(1, (a, b) => a * b);
                return (x.Data, target.Select(t => t == -1 ? x.Data.Length / known : t).ToArray());
            }
            case "Flatten":
                return (x.Data, [x.Shape[0], x.Data.Length / x.Shape[0]]);
            case "Squeeze":
                return (x.Data, x.Shape.Where(d => d != 1).Prepend(1).ToArray());
            case "Conv":
                return Conv(node, x, args[0], args.Length > 1 ? args[1].Data : null);
            case "MaxPool":
                return MaxPool(node, x);
            case "AveragePool":
                return AveragePool(node, x);
            case "GlobalAveragePool":
            {
                int c = x.Shape[1], n = x.Data.Length / c;
                var result = new double[c];
                for (var k = 0; k < c; k++) result[k] = x.Data.Skip(k * n).Take(n).Average();
                return (result, [1, c, 1, 1, 1]);
            }
            case "BatchNormalization":
            {
                var eps = OnnxAttributes.Float(node, "epsilon", 1e-5f);
                int c = x.Shape[1], n = x.Data.Length / c;
                var result = new double[x.Data.Length];
                for (var k = 0; k < c; k++)
                for (var i = 0; i < n; i++)
                    result[k * n + i] = args[0].Data[k] * (x.Data[k * n + i] - args[2].Data[k]) / Math.Sqrt(args[3].Data[k] + eps) + args[1].Data[k];
                return (result, x.Shape);
            }
            case "Gemm":
            case "MatMul":
            {
                var transB = OnnxAttributes.Int(node, "transB", 0) != 0;
                var w = args[0];
                int inputs = transB ? w.Shape[1] : w.Shape[0], outputs = transB ? w.Shape[0] : w.Shape[1];
                var result = new double[outputs];
                for (var o = 0; o < outputs; o++)
                {
                    var sum = args.Length > 1 ? args[1].Data[o] : 0;
                    for (var i = 0; i < inputs; i++) sum += x.Data[i] * (transB ? w.Data[o * inputs + i] : w.Data[i * outputs + o]);
                    result[o] = sum;
                }
                return (result, [1, outputs]);
            }
            case "Add":
                return (x.Data.Select((v, i) => v + args[0].Data[i % args[0].Data.Length]).ToArray(), x.Shape);
            case "Softmax":
            {
                var max = x.Data.Max();
                var e = x.Data.Select(v => Math.Exp(v - max)).ToArray();
                return (e.Select(v => v / e.Sum()).ToArray(), x.Shape);
            }
            default:
                throw new NotSupportedException($"Reference network: operator {node.OpType}");
        }
    }

    private static (double[], int[]) Conv(NodeProto node, (double[] Data, int[] Shape) x, (double[] Data, int[] Shape) w, double[]? bias)
    {
        var k = w.Shape[2..];
        var strides = OnnxAttributes.Ints(node, "strides") ?? [1, 1, 1];
        var pads = OnnxAttributes.Ints(node, "pads") ?? new int[6];
        int m = w.Shape[0], c = w.Shape[1];
        var inSize = x.Shape[2..];
        var outSize = Enumerable.Range(0, 3).Select(a => (inSize[a] + pads[a] + pads[a + 3] - k[a]) / strides[a] + 1).ToArray();
        var result = new double[m * outSize[0] * outSize[1] * outSize[2]];
        var o = 0;
        for (var om = 0; om < m; om++)
        for (var z = 0; z < outSize[0]; z++)
        for (var y = 0; y < outSize[1]; y++)
        for (var xx = 0; xx < outSize[2]; xx++)
        {
            var sum = bias?[om] ?? 0;
            for (var ic = 0; ic < c; ic++)
            for (var kz = 0; kz < k[0]; kz++)
            for (var ky = 0; ky < k[1]; ky++)
            for (var kx = 0; kx < k[2]; kx++)
            {
                int iz = z * strides[0] - pads[0] + kz, iy = y * strides[1] - pads[1] + ky, ix = xx * strides[2] - pads[2] + kx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= inSize[0] || iy >= inSize[1] || ix >= inSize[2]) continue;
                sum += x.Data[((ic * inSize[0] + iz) * inSize[1] + iy) * inSize[2] + ix] * w.Data[(((om * c + ic) * k[0] + kz) * k[1] + ky) * k[2] + kx];
            }
            result[o++] = sum;
        }
        return (result, [1, m, .. outSize]);
    }

    private static (double[], int[]) MaxPool(NodeProto node, (double[] Data, int[] Shape) x)
    {
        var k = OnnxAttributes.Ints(node, "kernel_shape")!;
        var strides = OnnxAttributes.Ints(node, "strides") ?? [1, 1, 1];
        var pads = OnnxAttributes.Ints(node, "pads") ?? new int[6];
        var c = x.Shape[1];
        var inSize = x.Shape[2..];
        var outSize = Enumerable.Range(0, 3).Select(a => (inSize[a] + pads[a] + pads[a + 3] - k[a]) / strides[a] + 1).ToArray();
        var result = new double[c * outSize[0] * outSize[1] * outSize[2]];
        var o = 0;
        for (var ic = 0; ic < c; ic++)
        for (var z = 0; z < outSize[0]; z++)
        for (var y = 0; y < outSize[1]; y++)
        for (var xx = 0; xx < outSize[2]; xx++)
        {
            var best = double.NegativeInfinity;
            for (var kz = 0; kz < k[0]; kz++)
            for (var ky = 0; ky < k[1]; ky++)
            for (var kx = 0; kx < k[2]; kx++)
            {
                int iz = z * strides[0] - pads[0] + kz, iy = y * strides[1] - pads[1] + ky, ix = xx * strides[2] - pads[2] + kx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= inSize[0] || iy >= inSize[1] || ix >= inSize[2]) continue;
                best = Math.Max(best, x.Data[((ic * inSize[0] + iz) * inSize[1] + iy) * inSize[2] + ix]);
            }
            result[o++] = best;
        }
        return (result, [1, c, .. outSize]);
    }

    private static (double[], int[]) AveragePool(NodeProto node, (double[] Data, int[] Shape) x)
    {
        var k = OnnxAttributes.Ints(node, "kernel_shape")!;
        var strides = OnnxAttributes.Ints(node, "strides") ?? [1, 1, 1];
        var pads = OnnxAttributes.Ints(node, "pads") ?? new int[6];
        var includePad = OnnxAttributes.Int(node, "count_include_pad", 0) != 0;
        var c = x.Shape[1];
        var inSize = x.Shape[2..];
        var outSize = Enumerable.Range(0, 3).Select(a => (inSize[a] + pads[a] + pads[a + 3] - k[a]) / strides[a] + 1).ToArray();
        var result = new double[c * outSize[0] * outSize[1] * outSize[2]];
        var o = 0;
        for (var ic = 0; ic < c; ic++)
        for (var z = 0; z < outSize[0]; z++)
        for (var y = 0; y < outSize[1]; y++)
        for (var xx = 0; xx < outSize[2]; xx++)
        {
            double sum = 0;
            var count = 0;
            for (var kz = 0; kz < k[0]; kz++)
            for (var ky = 0; ky < k[1]; ky++)
            for (var kx = 0; kx < k[2]; kx++)
            {
                int iz = z * strides[0] - pads[0] + kz, iy = y * strides[1] - pads[1] + ky, ix = xx * strides[2] - pads[2] + kx;
                if (iz < 0 || iy < 0 || ix < 0 || iz >= inSize[0] || iy >= inSize[1] || ix >= inSize[2]) continue;
                sum += x.Data[((ic * inSize[0] + iz) * inSize[1] + iy) * inSize[2] + ix];
                count++;
            }
            result[o++] = sum / (includePad ? k[0] * k[1] * k[2] : count);
        }
        return (result, [1, c, .. outSize]);
    }

    private static int[] Strides(int[] shape)
    {
        var s = new int[shape.Length];
        var acc = 1;
        for (var a = shape.Length - 1; a >= 0; a--) { s[a] = acc; acc *= shape[a]; }
        return s;
    }

    private static void Unravel(int flat, int[] shape, int[] index)
    {
        for (var a = shape.Length - 1; a >= 0; a--) { index[a] = flat % shape[a]; flat /= shape[a]; }
    }
}
