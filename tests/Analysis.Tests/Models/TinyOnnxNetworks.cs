using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// Tiny segmentation networks written as ONNX protobuf: a 1×1×1 convolution mixing the input channels with given
/// weights and bias, so the output is an exactly known function of the input. Channels-last models use a MatMul
/// over the channel axis (as a Keras/tf2onnx export of a pointwise layer), channels-first ones a Conv (as PyTorch).
/// </summary>
internal static class TinyOnnxNetworks
{
    public static string Write(string directory, string name, float[] weights, float bias, int[] box, bool channelsLast)
    {
        var c = weights.Length;
        var graph = new GraphProto { Name = name };
        if (channelsLast)
        {
            graph.Input.Add(Value("image", [-1, box[0], box[1], box[2], c]));
            graph.Initializer.Add(Floats("w", weights, c, 1));
            graph.Initializer.Add(Floats("b", [bias], 1));
            graph.Node.Add(Node("MatMul", ["image", "w"], "mixed"));
            graph.Node.Add(Node("Add", ["mixed", "b"], "probability"));
            graph.Output.Add(Value("probability", [-1, box[0], box[1], box[2], 1]));
        }
        else
        {
            graph.Input.Add(Value("image", [-1, c, box[0], box[1], box[2]]));
            graph.Initializer.Add(Floats("w", weights, 1, c, 1, 1, 1));
            graph.Initializer.Add(Floats("b", [bias], 1));
            graph.Node.Add(Node("Conv", ["image", "w", "b"], "probability"));
            graph.Output.Add(Value("probability", [-1, 1, box[0], box[1], box[2]]));
        }
        var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        var path = Path.Combine(directory, name + ".onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    /// <summary>
    /// A brain-age regressor: output = weight · mean(input) + bias, or with several weights one logit per age bin.
    /// PyTorch style: float32 [N, 1, X, Y, Z] → GlobalAveragePool → Flatten → Gemm. tf2onnx style: uint8
    /// [N, X, Y, Z, 1] → Cast → Transpose to channels first → GlobalAveragePool → Flatten → MatMul + Add.
    /// </summary>
    public static string WriteRegressor(string directory, string name, int[] cube, float[] weights, float[] biases, bool tf2onnx)
    {
        var k = weights.Length;
        var graph = new GraphProto { Name = name };
        graph.Initializer.Add(Floats("w", weights, 1, k));
        graph.Initializer.Add(Floats("b", biases, k));
        string pooledInput;
        if (tf2onnx)
        {
            graph.Input.Add(Value("input_1", [-1, cube[0], cube[1], cube[2], 1], TensorProto.Types.DataType.Uint8));
            graph.Node.Add(Node("Cast", ["input_1"], "as_float", new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float }));
            var perm = new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints };
            perm.Ints.AddRange([0, 4, 1, 2, 3]);
            graph.Node.Add(Node("Transpose", ["as_float"], "channels_first", perm));
            pooledInput = "channels_first";
        }
        else
        {
            graph.Input.Add(Value("input", [-1, 1, cube[0], cube[1], cube[2]]));
            pooledInput = "input";
        }
        graph.Node.Add(Node("GlobalAveragePool", [pooledInput], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "flat"));
        if (tf2onnx)
        {
            graph.Node.Add(Node("MatMul", ["flat", "w"], "dense"));
            graph.Node.Add(Node("Add", ["dense", "b"], "age"));
        }
        else graph.Node.Add(Node("Gemm", ["flat", "w", "b"], "age"));
        graph.Output.Add(Value("age", [-1, k]));
        var model = new ModelProto { IrVersion = 8, ProducerName = tf2onnx ? "tf2onnx" : "pytorch", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        var path = Path.Combine(directory, name + ".onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return t;
    }

    private static ValueInfoProto Value(string name, long[] dims, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
