using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// Average pooling, explained with the z-rule: R_i = x_i · Σ_j (1/n_j) · R_j / (z_j + ε·sign(z_j)), where n_j is the
/// window's divisor (the kernel size, or the count of non-padding inputs when count_include_pad = 0).
/// </summary>
public sealed class AveragePoolLayer(string nodeName, WindowGeometry window, bool countIncludePad) : Layer(nodeName, "AveragePool")
{
    public WindowGeometry Window { get; } = window;

    public bool CountIncludePad { get; } = countIncludePad;

    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length != Window.Rank + 2) throw Invalid($"input of rank {inputShape.Length} for a {Window.Rank}-d window");
        if (!Window.IsUndilated) throw Invalid("dilated average pooling is not supported");
        return [inputShape[0], inputShape[1], .. Window.Bind(inputShape.AsSpan(2), Invalid)];
    }

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("AveragePool", [input], "avgpool",
            [.. Window.Attributes(withDilations: false), OnnxAttributes.MakeInt("count_include_pad", CountIncludePad ? 1 : 0)]);

    internal override string EmitRelevance(BackwardStep step)
    {
        var g = step.Graph;
        var channels = step.InputShape[1];
        var kernelSize = (int)Count(Window.Kernel);
        var s = Stabilised(g, step);
        var hasPads = Window.Pads.Any(p => p != 0);
        string perInput;
        if (CountIncludePad || !hasPads)
            perInput = g.Node("Mul", [s, g.Scalar(1f / kernelSize)], "s_share");
        else
        {
            // The divisor of each window is the number of real (non-padding) inputs under it.
            int[] oneChannel = [1, 1, .. step.InputShape.Skip(2)];
            var ones = g.Node("ConstantOfShape", [g.Shape(oneChannel)], "ones",
                OnnxAttributes.MakeTensor("value", OnnxTensors.Float("one", [1f], 1)));
            var kernel = g.Constant("count_kernel", Enumerable.Repeat(1f, kernelSize).ToArray(), [1, 1, .. Window.Kernel.Select(k => (long)k)]);
            var counts = g.Node("Conv", [ones, kernel], "window_counts", Window.Attributes());
            perInput = g.Node("Div", [s, counts], "s_share");
        }
        var spread = g.Constant("avg_kernel", Enumerable.Repeat(1f, channels * kernelSize).ToArray(),
            [channels, 1, .. Window.Kernel.Select(k => (long)k)]);
        var outputPadding = Window.OutputPadding(step.InputShape.AsSpan(2), step.OutputShape.AsSpan(2));
        var back = g.Node("ConvTranspose", [perInput, spread], "avgT",
            [.. Window.Attributes(), OnnxAttributes.MakeInt("group", channels), OnnxAttributes.MakeInts("output_padding", outputPadding)]);
        return g.Node("Mul", [step.Input, back], "r_avg");
    }

    internal static string Stabilised(OnnxGraphWriter g, BackwardStep step)
    {
        var nonNegative = g.Node("GreaterOrEqual", [step.Output, g.Scalar(0f)], "nonneg");
        var shift = g.Node("Where", [nonNegative, g.Scalar(step.PoolingStabiliser), g.Scalar(-step.PoolingStabiliser)], "stab_shift");
        return g.Node("Div", [step.Relevance, g.Node("Add", [step.Output, shift], "stabilised")], "s");
    }
}
