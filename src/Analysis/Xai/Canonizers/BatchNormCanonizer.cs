using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Canonizers;

/// <summary>
/// Folds BatchNormalization (inference form y = γ·(x − μ)/√(σ² + ε) + β) into the convolution directly before it,
/// which is exact: W'_m = W_m·s_m, b'_m = (b_m − μ_m)·s_m + β_m with s = γ/√(σ² + ε). A BatchNormalization elsewhere
/// (e.g. after max pooling) stays and becomes a per-channel linear layer.
/// </summary>
public sealed class BatchNormCanonizer : Canonizer
{
    public override List<ChainNode> Apply(List<ChainNode> chain)
    {
        var result = new List<ChainNode>();
        for (var i = 0; i < chain.Count; i++)
        {
            var node = chain[i];
            if (node.Op == "Conv" && i + 1 < chain.Count && chain[i + 1].Op == "BatchNormalization")
            {
                result.Add(Fold(node, chain[i + 1]));
                i++;
                continue;
            }
            result.Add(node);
        }
        return result;
    }

    /// <summary>Per-channel scale s and shift t of a BatchNormalization node (y = s·x + t).</summary>
    public static (float[] Scale, float[] Shift) Affine(ChainNode bn)
    {
        var parts = Enumerable.Range(1, 4).Select(k => bn.Constant(k)
            ?? throw new InvalidInputException($"Node '{bn.Name}' (BatchNormalization): input {k} must be a constant.")).ToArray();
        var gamma = OnnxTensors.ToFloats(parts[0]);
        var beta = OnnxTensors.ToFloats(parts[1]);
        var mean = OnnxTensors.ToFloats(parts[2]);
        var variance = OnnxTensors.ToFloats(parts[3]);
        var epsilon = OnnxAttributes.Float(bn.Node, "epsilon", 1e-5f);
        var scale = new float[gamma.Length];
        var shift = new float[gamma.Length];
        for (var c = 0; c < gamma.Length; c++)
        {
            var s = gamma[c] / Math.Sqrt(variance[c] + (double)epsilon);
            scale[c] = (float)s;
            shift[c] = (float)(beta[c] - mean[c] * s);
        }
        return (scale, shift);
    }

    private static ChainNode Fold(ChainNode conv, ChainNode bn)
    {
        var weightTensor = conv.Constant(1) ?? throw new InvalidInputException($"Node '{conv.Name}' (Conv): weights must be a constant.");
        var weights = OnnxTensors.ToFloats(weightTensor);
        var outputs = (int)weightTensor.Dims[0];
        var bias = conv.Constant(2) is { } b ? OnnxTensors.ToFloats(b) : new float[outputs];
        var (scale, shift) = Affine(bn);
        if (scale.Length != outputs)
            throw new InvalidInputException($"Node '{bn.Name}' (BatchNormalization): {scale.Length} channels after '{conv.Name}' with {outputs} outputs.");
        var perOutput = weights.Length / outputs;
        var folded = new float[weights.Length];
        var foldedBias = new float[outputs];
        for (var m = 0; m < outputs; m++)
        {
            for (var k = 0; k < perOutput; k++) folded[m * perOutput + k] = weights[m * perOutput + k] * scale[m];
            foldedBias[m] = bias[m] * scale[m] + shift[m];
        }
        var node = ChainNode.Synthetic("Conv", $"{conv.Name}+{bn.Name}", conv.Node.Attribute);
        var w = OnnxTensors.Float($"{conv.Name}_folded_w", folded, weightTensor.Dims.ToArray());
        var fb = OnnxTensors.Float($"{conv.Name}_folded_b", foldedBias, outputs);
        return new ChainNode(node, [null, w, fb], conv.InputType, $"{conv.Description}+BatchNormalization");
    }
}
