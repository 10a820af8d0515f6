using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>
/// Appends nodes and initialisers to a new ONNX graph, inventing unique tensor names. Used by the relevance
/// compiler and by the model builder, so that both write graphs the same way.
/// </summary>
public sealed class OnnxGraphWriter
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<float, string> _scalars = new();

    public GraphProto Graph { get; }

    public OnnxGraphWriter(string graphName)
    {
        Graph = new GraphProto { Name = graphName };
    }

    /// <summary>A name not used yet in this graph, built from the hint.</summary>
    public string Unique(string hint)
    {
        if (_names.Add(hint)) return hint;
        for (var i = 1; ; i++)
        {
            var candidate = $"{hint}_{i}";
            if (_names.Add(candidate)) return candidate;
        }
    }

    /// <summary>Reserves a name chosen by someone else (an input or an initialiser that keeps its original name).</summary>
    public void Reserve(string name) => _names.Add(name);

    /// <summary>Adds a node with one output; returns the output's name.</summary>
    public string Node(string op, string[] inputs, string hint, params AttributeProto[] attributes) =>
        NodeWithOutputs(op, inputs, [hint], attributes)[0];

    /// <summary>Adds a node with several outputs; returns their names in order.</summary>
    public string[] NodeWithOutputs(string op, string[] inputs, string[] hints, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique($"{op}_{hints[0]}") };
        node.Input.AddRange(inputs);
        var outputs = hints.Select(Unique).ToArray();
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>
    /// Adds a node with one output whose name was reserved earlier (<see cref="Reserve"/>) and is taken as is, e.g. a
    /// graph output that must keep a given name.
    /// </summary>
    public string NodeTo(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique($"{op}_{output}") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a float32 initialiser; returns its name.</summary>
    public string Constant(string hint, float[] values, params long[] dims)
    {
        var name = Unique(hint);
        Graph.Initializer.Add(OnnxTensors.Float(name, values, dims));
        return name;
    }

    private readonly Dictionary<float[], string> _arrays = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A float32 initialiser for an array that may be requested several times (a layer's weights used by the
    /// forward pass and by a rule): the same array object yields the same initialiser.
    /// </summary>
    public string ConstantFor(float[] values, string hint, params long[] dims)
    {
        if (_arrays.TryGetValue(values, out var name)) return name;
        name = Constant(hint, values, dims);
        _arrays[values] = name;
        return name;
    }

    /// <summary>Adds an int64 initialiser; returns its name.</summary>
    public string ConstantInt64(string hint, long[] values, params long[] dims)
    {
        var name = Unique(hint);
        Graph.Initializer.Add(OnnxTensors.Int64(name, values, dims));
        return name;
    }

    /// <summary>A float32 scalar initialiser, shared by every use of the same value.</summary>
    public string Scalar(float value)
    {
        if (_scalars.TryGetValue(value, out var name)) return name;
        name = Constant("scalar", [value]);
        _scalars[value] = name;
        return name;
    }

    /// <summary>A shape initialiser for Reshape/Expand/ConstantOfShape.</summary>
    public string Shape(IReadOnlyList<int> dims) => ConstantInt64("shape", dims.Select(d => (long)d).ToArray(), dims.Count);

    public void Input(string name, TensorProto.Types.DataType type, IReadOnlyList<long> dims) =>
        Graph.Input.Add(ValueInfo(name, type, dims));

    public void Output(string name, TensorProto.Types.DataType type, IReadOnlyList<long> dims) =>
        Graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>A tensor value description; a negative dimension becomes the symbolic "batch" dimension.</summary>
    public static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, IReadOnlyList<long> dims)
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

    /// <summary>Wraps the graph in a model for the default ONNX domain at the given opset.</summary>
    public ModelProto ToModel(long opset, string producer = "RelevanceRelated")
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, Graph = Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }
}
