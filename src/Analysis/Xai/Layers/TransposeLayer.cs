using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>Transpose: relevance goes back through the inverse permutation.</summary>
public sealed class TransposeLayer(string nodeName, int[]? permutation) : Layer(nodeName, "Transpose")
{
    public int[] Permutation { get; private set; } = permutation ?? [];

    public override int[] Bind(int[] inputShape)
    {
        if (Permutation.Length == 0) Permutation = Enumerable.Range(0, inputShape.Length).Reverse().ToArray();
        if (Permutation.Length != inputShape.Length || Permutation.Order().Where((p, i) => p != i).Any())
            throw Invalid($"perm [{string.Join(", ", Permutation)}] is not a permutation of {inputShape.Length} axes");
        return Permutation.Select(p => inputShape[p]).ToArray();
    }

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("Transpose", [input], "transpose", OnnxAttributes.MakeInts("perm", Permutation));

    internal override string EmitRelevance(BackwardStep step)
    {
        var inverse = new int[Permutation.Length];
        for (var i = 0; i < Permutation.Length; i++) inverse[Permutation[i]] = i;
        return step.Graph.Node("Transpose", [step.Relevance], "r_transpose", OnnxAttributes.MakeInts("perm", inverse));
    }
}
