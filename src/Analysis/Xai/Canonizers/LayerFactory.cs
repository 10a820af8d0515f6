using Onnx;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Canonizers;

/// <summary>Turns a canonical chain node into the layer that attributes it.</summary>
public static class LayerFactory
{
    public static Layer Create(ChainNode n)
    {
        InvalidInputException Bad(string what) => new($"Node '{n.Name}' ({n.Description}): {what}");
        TensorProto Required(int index, string what) => n.Constant(index) ?? throw Bad($"{what} (input {index}) must be a constant initializer");

        switch (n.Op)
        {
            case "Conv":
            {
                var w = Required(1, "the weights");
                var shape = OnnxTensors.Dims(w);
                if (shape.Length < 3) throw Bad($"weights of rank {shape.Length}; expected [M, C, k…]");
                var bias = n.Constant(2) is { } b ? OnnxTensors.ToFloats(b) : null;
                var kernel = OnnxAttributes.Ints(n.Node, "kernel_shape") ?? shape[2..];
                var group = (int)OnnxAttributes.Int(n.Node, "group", 1);
                var layer = new ConvLayer(n.Name, OnnxTensors.ToFloats(w), shape, bias, WindowGeometry.FromNode(n.Node, kernel), group);
                if (n.Description != "Conv") layer.Fold(layer.Weights, layer.Bias, n.Description["Conv+".Length..]);
                return layer;
            }
            case "Gemm":
            {
                if (OnnxAttributes.Int(n.Node, "transA", 0) != 0) throw Bad("transA = 1 is not supported");
                var bTensor = Required(1, "the weights");
                var dims = OnnxTensors.Dims(bTensor);
                if (dims.Length != 2) throw Bad($"weights of rank {dims.Length}; expected a matrix");
                var transB = OnnxAttributes.Int(n.Node, "transB", 0) != 0;
                var alpha = OnnxAttributes.Float(n.Node, "alpha", 1f);
                var beta = OnnxAttributes.Float(n.Node, "beta", 1f);
                var raw = OnnxTensors.ToFloats(bTensor);
                int inputs = transB ? dims[1] : dims[0], outputs = transB ? dims[0] : dims[1];
                var w = new float[raw.Length];
                for (var i = 0; i < inputs; i++)
                for (var o = 0; o < outputs; o++)
                    w[i * outputs + o] = alpha * (transB ? raw[o * inputs + i] : raw[i * outputs + o]);
                float[]? bias = null;
                if (n.Constant(2) is { } c)
                {
                    var values = OnnxTensors.ToFloats(c);
                    if (values.Length != outputs && values.Length != 1) throw Bad($"bias of {values.Length} values for {outputs} outputs");
                    bias = Enumerable.Range(0, outputs).Select(o => beta * values[values.Length == 1 ? 0 : o]).ToArray();
                }
                return new DenseLayer(n.Name, n.Description, w, inputs, outputs, bias);
            }
            case "MatMul":
            {
                var bTensor = Required(1, "the weights");
                var dims = OnnxTensors.Dims(bTensor);
                if (dims.Length != 2) throw Bad($"weights of rank {dims.Length}; expected a matrix");
                return new DenseLayer(n.Name, "MatMul", OnnxTensors.ToFloats(bTensor), dims[0], dims[1], null);
            }
            case "BatchNormalization":
            {
                var (scale, shift) = BatchNormCanonizer.Affine(n);
                return new ChannelAffineLayer(n.Name, "BatchNormalization", scale, shift);
            }
            case "Add":
                throw Bad("an Add is only supported as the constant bias directly after Conv, MatMul or Gemm");
            case "MaxPool":
            {
                if (OnnxAttributes.Int(n.Node, "storage_order", 0) != 0) throw Bad("storage_order = 1 is not supported");
                if (n.Node.Output.Count > 1 && n.Node.Output[1].Length > 0) throw Bad("the Indices output is not supported");
                return new MaxPoolLayer(n.Name, WindowGeometry.FromNode(n.Node, Kernel(n, Bad)));
            }
            case "AveragePool":
                return new AveragePoolLayer(n.Name, WindowGeometry.FromNode(n.Node, Kernel(n, Bad)),
                    OnnxAttributes.Int(n.Node, "count_include_pad", 0) != 0);
            case "GlobalAveragePool":
                return new GlobalAveragePoolLayer(n.Name);
            case "Relu":
                return new ReluLayer(n.Name);
            case "LeakyRelu":
                return new LeakyReluLayer(n.Name, OnnxAttributes.Float(n.Node, "alpha", 0.01f));
            case "Transpose":
                return new TransposeLayer(n.Name, OnnxAttributes.Ints(n.Node, "perm"));
            case "Cast":
            {
                var to = (TensorProto.Types.DataType)OnnxAttributes.Int(n.Node, "to", 0);
                if (to != TensorProto.Types.DataType.Float) throw Bad($"cast to {to}; only casts to float32 are supported");
                return new CastLayer(n.Name, n.InputType);
            }
            case "Reshape":
            {
                var shape = OnnxTensors.ToInt64s(Required(1, "the target shape"));
                var allowZero = OnnxAttributes.Int(n.Node, "allowzero", 0) != 0;
                return new ReshapeLayer(n.Name, "Reshape", input => ReshapeTarget(input, shape, allowZero));
            }
            case "Flatten":
            {
                var axis = (int)OnnxAttributes.Int(n.Node, "axis", 1);
                return new ReshapeLayer(n.Name, "Flatten", input =>
                {
                    var a = axis < 0 ? axis + input.Length : axis;
                    if (a < 0 || a > input.Length) throw new ArgumentException($"axis {axis} outside rank {input.Length}");
                    return [(int)Layer.Count(input[..a]), (int)Layer.Count(input[a..])];
                });
            }
            case "Squeeze":
            {
                var axes = n.Constant(1) is { } t ? OnnxTensors.ToInt64s(t) : null;
                return new ReshapeLayer(n.Name, "Squeeze", input =>
                {
                    var drop = axes?.Select(a => (int)(a < 0 ? a + input.Length : a)).ToHashSet()
                        ?? Enumerable.Range(0, input.Length).Where(i => input[i] == 1).ToHashSet();
                    if (drop.Any(a => a < 0 || a >= input.Length || input[a] != 1))
                        throw new ArgumentException($"axes [{string.Join(", ", axes ?? [])}] are not all of size 1 in [{string.Join(", ", input)}]");
                    return input.Where((_, i) => !drop.Contains(i)).ToArray();
                });
            }
            case "Unsqueeze":
            {
                var axes = OnnxTensors.ToInt64s(Required(1, "the axes"));
                return new ReshapeLayer(n.Name, "Unsqueeze", input =>
                {
                    var rank = input.Length + axes.Length;
                    var insert = axes.Select(a => (int)(a < 0 ? a + rank : a)).ToHashSet();
                    var result = new int[rank];
                    var k = 0;
                    for (var i = 0; i < rank; i++) result[i] = insert.Contains(i) ? 1 : input[k++];
                    return result;
                });
            }
            default:
                throw Bad($"operator '{n.Op}' is not supported by LRP (supported: {SupportedOperators.List})");
        }
    }

    private static int[] Kernel(ChainNode n, Func<string, InvalidInputException> bad) =>
        OnnxAttributes.Ints(n.Node, "kernel_shape") ?? throw bad("kernel_shape is missing");

    private static int[] ReshapeTarget(int[] input, long[] shape, bool allowZero)
    {
        var result = new int[shape.Length];
        var unknown = -1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException("more than one -1 in the target shape");
                unknown = i;
                result[i] = 1;
            }
            else if (shape[i] == 0 && !allowZero) result[i] = input[i];
            else result[i] = (int)shape[i];
        }
        if (unknown >= 0)
        {
            var known = Layer.Count(result);
            result[unknown] = known == 0 ? 0 : (int)(Layer.Count(input) / known);
        }
        return result;
    }
}
