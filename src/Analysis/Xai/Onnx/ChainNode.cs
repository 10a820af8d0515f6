using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>
/// One node on the single path from a sequential model's input to its output, with its constant inputs resolved
/// (null at the position of the computed input). Canonizers rewrite lists of these before layers are built.
/// </summary>
public sealed record ChainNode(NodeProto Node, IReadOnlyList<TensorProto?> Constants, TensorProto.Types.DataType InputType, string Description)
{
    public string Op => Node.OpType;

    public string Name => Node.Name is { Length: > 0 } n ? n : $"{Node.OpType}->{Node.Output.FirstOrDefault()}";

    /// <summary>The constant at input position <paramref name="index"/>, or null when absent.</summary>
    public TensorProto? Constant(int index) => index < Constants.Count ? Constants[index] : null;

    /// <summary>A new node of the given operator carrying this node's name and attributes.</summary>
    public static NodeProto Synthetic(string op, string name, IEnumerable<AttributeProto> attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Attribute.AddRange(attributes);
        return node;
    }
}
