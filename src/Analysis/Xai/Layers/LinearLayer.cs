using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>What kind of linear map a layer is, which is what composites choose rules by.</summary>
public enum LinearKind
{
    Convolution,
    Dense,
    /// <summary>A per-channel scale and shift (a BatchNormalization that could not be folded).</summary>
    ChannelAffine,
}

/// <summary>
/// A layer z = W·x + b. Rules rewrite W and b (e.g. W⁺, W², ones) and need the map itself (to form the rule's
/// denominator) and its transpose (to send the normalised relevance back to the inputs).
/// </summary>
public abstract class LinearLayer : Layer
{
    protected LinearLayer(string nodeName, string opType, float[] weights, float[]? bias) : base(nodeName, opType)
    {
        Weights = weights;
        Bias = bias;
    }

    public float[] Weights { get; protected set; }

    public float[]? Bias { get; protected set; }

    public abstract LinearKind Kind { get; }

    public override bool OutputNonNegative(bool inputNonNegative) => false;

    /// <summary>The number of output units a bias has (channels for convolutions).</summary>
    public abstract int BiasLength { get; }

    /// <summary>
    /// Whether the layer can apply two weight sets to two inputs stacked on axis 1 in one operation
    /// ([x_a, x_b] ↦ W_a·x_a + W_b·x_b), which rules use for the signed split x⁺/x⁻ of a first layer.
    /// </summary>
    internal virtual bool SupportsStackedInputs => false;

    /// <summary>W_a·x_a + W_b·x_b (+ b) for x = [x_a, x_b] stacked on axis 1.</summary>
    internal virtual string EmitStackedLinear(OnnxGraphWriter graph, string stacked, float[] weightsA, float[] weightsB, float[]? bias, int[] inputShape, int[] outputShape) =>
        throw new InvalidOperationException($"Layer '{NodeName}' ({OpType}) cannot stack inputs; check SupportsStackedInputs first.");

    /// <summary>[W_aᵀ·s, W_bᵀ·s] stacked on axis 1.</summary>
    internal virtual string EmitStackedTransposed(OnnxGraphWriter graph, string signal, float[] weightsA, float[] weightsB, int[] inputShape, int[] outputShape) =>
        throw new InvalidOperationException($"Layer '{NodeName}' ({OpType}) cannot stack inputs; check SupportsStackedInputs first.");

    /// <summary>Writes W·x (+ b when <paramref name="bias"/> is given) for arbitrary (modified) parameters.</summary>
    internal abstract string EmitLinear(OnnxGraphWriter graph, string input, float[] weights, float[]? bias, int[] inputShape, int[] outputShape);

    /// <summary>Writes Wᵀ·s: a tensor of the output's shape mapped back onto the input's shape.</summary>
    internal abstract string EmitTransposed(OnnxGraphWriter graph, string signal, float[] weights, int[] inputShape, int[] outputShape);

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        EmitLinear(graph, input, Weights, Bias, inputShape, outputShape);

    internal override string EmitRelevance(BackwardStep step)
    {
        var rule = step.Rule ?? throw new InvalidOperationException($"No rule chosen for linear layer '{NodeName}'.");
        return rule.Propagate(new RuleGraph(step, this));
    }
}
