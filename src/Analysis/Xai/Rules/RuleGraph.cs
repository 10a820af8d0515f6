using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// The vocabulary rules are written in: one linear layer, its forward input x, its forward output z (with the
/// original bias), the relevance R at its output, and graph operations on them. Rules call these to write
/// their formula into the compiled ONNX graph.
/// </summary>
public sealed class RuleGraph
{
    private readonly BackwardStep _step;

    internal RuleGraph(BackwardStep step, LinearLayer layer)
    {
        _step = step;
        Layer = layer;
    }

    internal OnnxGraphWriter Graph => _step.Graph;

    public LinearLayer Layer { get; }

    /// <summary>The layer's forward input x.</summary>
    public string Input => _step.Input;

    /// <summary>The layer's forward output z = W·x + b (original parameters).</summary>
    public string Output => _step.Output;

    /// <summary>The relevance arriving at the layer's output.</summary>
    public string Relevance => _step.Relevance;

    /// <summary>Whether x is known to be ≥ 0 (after ReLU), so that x⁻ terms vanish and can be skipped.</summary>
    public bool InputNonNegative => _step.InputNonNegative;

    public int[] InputShape => _step.InputShape;

    public int[] OutputShape => _step.OutputShape;

    /// <summary>W'·x (+ b') with the given (modified) parameters.</summary>
    public string Linear(string x, float[] weights, float[]? bias) =>
        Layer.EmitLinear(Graph, x, weights, bias, InputShape, OutputShape);

    /// <summary>W'ᵀ·s, back onto the input's shape.</summary>
    public string Transposed(string s, float[] weights) => Layer.EmitTransposed(Graph, s, weights, InputShape, OutputShape);

    /// <summary>
    /// x_a·W_a + x_b·W_b (+ b) and the matching transpose for the signed split of an input: the layer does both in one
    /// operation on [x_a, x_b] stacked on axis 1 when it can. Returns Σ_parts x_part ⊙ W_partᵀ·(R / denominator),
    /// where the denominator is the first step's output, stabilised by <paramref name="stabilise"/> (default: as is,
    /// for callers that folded ε into the bias).
    /// </summary>
    public string SignedShare(string relevance, string xA, float[] wA, string xB, float[] wB, float[]? bias, Func<string, string>? stabilise = null)
    {
        stabilise ??= z => z;
        if (Layer.SupportsStackedInputs)
        {
            var stacked = Graph.Node("Concat", [xA, xB], "x_signed", OnnxAttributes.MakeInt("axis", 1));
            var z = stabilise(Layer.EmitStackedLinear(Graph, stacked, wA, wB, bias, InputShape, OutputShape));
            var s = Graph.Node("Div", [relevance, z], "s");
            var back = Layer.EmitStackedTransposed(Graph, s, wA, wB, InputShape, OutputShape);
            var products = Graph.Node("Mul", [stacked, back], "signed_products");
            int[] split = [InputShape[0], 2, .. InputShape.Skip(1)];
            var parts = Graph.Node("Reshape", [products, Graph.Shape(split)], "signed_parts");
            return Graph.Node("ReduceSum", [parts, Graph.ConstantInt64("axes", [1], 1)], "signed_sum", OnnxAttributes.MakeInt("keepdims", 0));
        }
        var zSplit = stabilise(Add(Linear(xA, wA, bias), Linear(xB, wB, null)));
        var sSplit = Graph.Node("Div", [relevance, zSplit], "s");
        return Add(Mul(xA, Transposed(sSplit, wA)), Mul(xB, Transposed(sSplit, wB)));
    }

    /// <summary>
    /// The bias with a constant added to every unit: for denominators of known sign (z⁺ ≥ 0, z⁻ ≤ 0, flat, w²) the
    /// stabiliser ±ε goes into the bias, which costs nothing at run time.
    /// </summary>
    public float[] ShiftedBias(float[]? bias, float shift)
    {
        var result = new float[Layer.BiasLength];
        for (var j = 0; j < result.Length; j++) result[j] = (bias?[j] ?? 0f) + shift;
        return result;
    }

    /// <summary>z + ε·sign(z) with sign(0) = +1, so the denominator is never zero.</summary>
    public string Stabilise(string z, float epsilon)
    {
        var zero = Graph.Scalar(0f);
        var isNonNegative = Graph.Node("GreaterOrEqual", [z, zero], "nonneg");
        var shift = Graph.Node("Where", [isNonNegative, Graph.Scalar(epsilon), Graph.Scalar(-epsilon)], "stab_shift");
        return Graph.Node("Add", [z, shift], "stabilised");
    }

    /// <summary>R / (z + ε·sign(z)).</summary>
    public string Normalise(string relevance, string z, float epsilon) =>
        Graph.Node("Div", [relevance, Stabilise(z, epsilon)], "s");

    public string Mul(string a, string b) => Graph.Node("Mul", [a, b], "mul");

    public string Add(string a, string b) => Graph.Node("Add", [a, b], "add");

    public string Sub(string a, string b) => Graph.Node("Sub", [a, b], "sub");

    /// <summary>k·a for a constant k.</summary>
    public string Scale(string a, float k) => Graph.Node("Mul", [a, Graph.Scalar(k)], "scaled");

    /// <summary>max(x, 0).</summary>
    public string PositivePart(string x) => Graph.Node("Relu", [x], "pos");

    /// <summary>min(x, 0).</summary>
    public string NegativePart(string x) => Graph.Node("Min", [x, Graph.Scalar(0f)], "neg");

    /// <summary>[z &gt; 0] (1 or 0) as float.</summary>
    public string IndicatorPositive(string z) =>
        Graph.Node("Cast", [Graph.Node("Greater", [z, Graph.Scalar(0f)], "gt")], "ind_pos",
            OnnxAttributes.MakeInt("to", (long)global::Onnx.TensorProto.Types.DataType.Float));

    /// <summary>[z &lt; 0] (1 or 0) as float.</summary>
    public string IndicatorNegative(string z) =>
        Graph.Node("Cast", [Graph.Node("Less", [z, Graph.Scalar(0f)], "lt")], "ind_neg",
            OnnxAttributes.MakeInt("to", (long)global::Onnx.TensorProto.Types.DataType.Float));

    /// <summary>A tensor of ones with the input's shape (the input flat and w² rules substitute for x).</summary>
    public string OnesLikeInput() =>
        Graph.Node("ConstantOfShape", [Graph.Shape(InputShape)], "ones",
            OnnxAttributes.MakeTensor("value", OnnxTensors.Float("one", [1f], 1)));

    /// <summary>A tensor with the input's shape filled with the value of a scalar tensor.</summary>
    public string FillLikeInput(string scalar) => Graph.Node("Mul", [OnesLikeInput(), scalar], "filled");

    /// <summary>The smallest and largest value of the input (default bounds of the z^B rule).</summary>
    public (string Low, string High) InputRange() =>
        (Graph.Node("ReduceMin", [Input], "low", OnnxAttributes.MakeInt("keepdims", 0)),
         Graph.Node("ReduceMax", [Input], "high", OnnxAttributes.MakeInt("keepdims", 0)));

    public string ScalarConstant(float value) => Graph.Scalar(value);
}
