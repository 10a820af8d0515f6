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

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return t;
    }

    private static ValueInfoProto Value(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
