namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// One step of a canonical (sequential) network: it knows its output shape, how to write its forward
/// computation into an ONNX graph and how relevance flows back through it.
/// </summary>
public abstract class Layer
{
    protected Layer(string nodeName, string opType)
    {
        NodeName = nodeName;
        OpType = opType;
    }

    /// <summary>The name of the ONNX node this layer came from (for messages).</summary>
    public string NodeName { get; }

    /// <summary>The ONNX operator this layer came from (after canonicalisation, e.g. "Conv+BatchNormalization").</summary>
    public string OpType { get; protected set; }

    /// <summary>Resolves shape-dependent attributes (auto_pad, -1 in reshapes) and returns the output shape.</summary>
    public abstract int[] Bind(int[] inputShape);

    /// <summary>Whether the output is known to be ≥ 0 given whether the input is (lets rules skip empty terms).</summary>
    public virtual bool OutputNonNegative(bool inputNonNegative) => inputNonNegative;

    /// <summary>Writes the forward computation; returns the output tensor's name.</summary>
    internal abstract string EmitForward(Onnx.OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape);

    /// <summary>
    /// Writes the forward computation for the relevance graph, where a layer may also expose what its backward
    /// step needs (max pooling: the winners' indices). By default the same as <see cref="EmitForward"/>.
    /// </summary>
    internal virtual (string Output, string? Routing) EmitForwardForRelevance(Onnx.OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        (EmitForward(graph, input, inputShape, outputShape), null);

    /// <summary>Writes the relevance propagation from this layer's output to its input; returns the input relevance.</summary>
    internal abstract string EmitRelevance(BackwardStep step);

    protected InvalidInputException Invalid(string what) => new($"Node '{NodeName}' ({OpType}): {what}");

    /// <summary>Element count of a shape.</summary>
    public static long Count(IReadOnlyList<int> shape) => shape.Aggregate(1L, (a, d) => a * d);
}
