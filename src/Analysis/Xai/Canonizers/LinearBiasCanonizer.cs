using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Canonizers;

/// <summary>
/// Fuses a constant Add into the linear node before it: MatMul + Add (tf2onnx's dense layer) becomes one Gemm,
/// Conv + Add becomes a Conv with bias. The bias then belongs to the layer, as the rules' bias option expects.
/// </summary>
public sealed class LinearBiasCanonizer : Canonizer
{
    public override List<ChainNode> Apply(List<ChainNode> chain)
    {
        var result = new List<ChainNode>();
        for (var i = 0; i < chain.Count; i++)
        {
            var node = chain[i];
            var next = i + 1 < chain.Count ? chain[i + 1] : null;
            if (next is { Op: "Add" } && AddedConstant(next) is { } addend && node.Op is "MatMul" or "Conv" or "Gemm")
            {
                result.Add(node.Op == "MatMul" ? FuseMatMul(node, next, addend) : WithExtraBias(node, next, addend));
                i++;
                continue;
            }
            result.Add(node);
        }
        return result;
    }

    private static TensorProto? AddedConstant(ChainNode add) => add.Constants.SingleOrDefault(c => c is not null);

    private static ChainNode FuseMatMul(ChainNode matMul, ChainNode add, TensorProto bias)
    {
        var gemm = ChainNode.Synthetic("Gemm", $"{matMul.Name}+{add.Name}", []);
        return new ChainNode(gemm, [null, matMul.Constant(1), bias], matMul.InputType, "MatMul+Add");
    }

    private static ChainNode WithExtraBias(ChainNode linear, ChainNode add, TensorProto addend)
    {
        var extra = OnnxTensors.ToFloats(addend);
        var existing = linear.Constant(2);
        float[] bias;
        if (existing is null) bias = extra;
        else
        {
            bias = OnnxTensors.ToFloats(existing);
            if (linear.Op == "Gemm")
            {
                var beta = OnnxAttributes.Float(linear.Node, "beta", 1f);
                bias = bias.Select(b => b * beta).ToArray();
            }
            if (extra.Length != bias.Length && extra.Length != 1)
                throw new InvalidInputException($"Node '{add.Name}' (Add): {extra.Length} values cannot be a bias of {bias.Length} outputs of '{linear.Name}'.");
            bias = bias.Select((b, k) => b + extra[extra.Length == 1 ? 0 : k]).ToArray();
        }
        var attributes = linear.Node.Attribute.Where(a => a.Name != "beta");
        var fused = ChainNode.Synthetic(linear.Op, $"{linear.Name}+{add.Name}", attributes);
        return new ChainNode(fused, [null, linear.Constant(1), OnnxTensors.Float($"{linear.Name}_bias", bias, bias.Length)],
            linear.InputType, $"{linear.Description}+Add");
    }
}
