using System.Runtime.CompilerServices;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>A fully connected layer z = x·W + b on a [1, in] input, W stored [in, out] (MatMul orientation).</summary>
public sealed class DenseLayer : LinearLayer
{
    private readonly ConditionalWeakTable<float[], float[]> _transposed = new();

    public DenseLayer(string nodeName, string opType, float[] weights, int inputs, int outputs, float[]? bias)
        : base(nodeName, opType, weights, bias)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public override LinearKind Kind => LinearKind.Dense;

    public override int BiasLength => Outputs;

    internal override bool SupportsStackedInputs => true;

    private readonly WeightPairCache _stacked = new();

    /// <summary>[2·in, out]: W_a's rows, then W_b's.</summary>
    private float[] Stack(float[] a, float[] b) => _stacked.Get(a, b, (a, b) => [.. a, .. b]);

    internal override string EmitStackedLinear(OnnxGraphWriter graph, string stacked, float[] weightsA, float[] weightsB, float[]? bias, int[] inputShape, int[] outputShape)
    {
        var w = graph.ConstantFor(Stack(weightsA, weightsB), "dense_w2", 2 * Inputs, Outputs);
        return bias is null
            ? graph.Node("MatMul", [stacked, w], "dense2")
            : graph.Node("Gemm", [stacked, w, graph.ConstantFor(bias, "dense_b", Outputs)], "dense2");
    }

    internal override string EmitStackedTransposed(OnnxGraphWriter graph, string signal, float[] weightsA, float[] weightsB, int[] inputShape, int[] outputShape)
    {
        var w = graph.ConstantFor(Stack(weightsA, weightsB), "dense_w2", 2 * Inputs, Outputs);
        return graph.Node("Gemm", [signal, w], "dense2T", OnnxAttributes.MakeInt("transB", 1));
    }

    internal void Fold(float[] weights, float[]? bias, string by)
    {
        Weights = weights;
        Bias = bias;
        OpType = $"{OpType}+{by}";
    }

    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length != 2 || inputShape[1] != Inputs)
            throw Invalid($"input of shape [{string.Join(", ", inputShape)}] where [N, {Inputs}] was expected");
        return [inputShape[0], Outputs];
    }

    internal override string EmitLinear(OnnxGraphWriter graph, string input, float[] weights, float[]? bias, int[] inputShape, int[] outputShape)
    {
        var w = graph.ConstantFor(weights, "dense_w", Inputs, Outputs);
        return bias is null
            ? graph.Node("MatMul", [input, w], "dense")
            : graph.Node("Gemm", [input, w, graph.ConstantFor(bias, "dense_b", Outputs)], "dense");
    }

    internal override string EmitTransposed(OnnxGraphWriter graph, string signal, float[] weights, int[] inputShape, int[] outputShape)
    {
        var transposed = _transposed.GetValue(weights, Transpose);
        return graph.Node("MatMul", [signal, graph.ConstantFor(transposed, "dense_wT", Outputs, Inputs)], "denseT");
    }

    private float[] Transpose(float[] w)
    {
        var t = new float[w.Length];
        for (var i = 0; i < Inputs; i++)
        for (var o = 0; o < Outputs; o++)
            t[o * Inputs + i] = w[i * Outputs + o];
        return t;
    }
}
