using System.Globalization;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>
/// The relevance placed on the model's output before propagation: the raw output value (iNNvestigate's and
/// zennit's choice for a regression output such as brain age), ones, or one selected output neuron.
/// </summary>
public abstract record RelevanceStart
{
    public static RelevanceStart Output { get; } = new FromOutput();

    public static RelevanceStart Ones { get; } = new FromOnes();

    public static RelevanceStart Neuron(int index) => new FromNeuron(index);

    /// <summary>Identifies the start in the compiled graph's cache key.</summary>
    public abstract string Key { get; }

    internal abstract string Emit(OnnxGraphWriter graph, string output, int[] outputShape);

    private sealed record FromOutput : RelevanceStart
    {
        public override string Key => "output";
        internal override string Emit(OnnxGraphWriter graph, string output, int[] outputShape) => output;
    }

    private sealed record FromOnes : RelevanceStart
    {
        public override string Key => "ones";
        internal override string Emit(OnnxGraphWriter graph, string output, int[] outputShape) =>
            graph.Node("ConstantOfShape", [graph.Shape(outputShape)], "r_start",
                OnnxAttributes.MakeTensor("value", OnnxTensors.Float("one", [1f], 1)));
    }

    private sealed record FromNeuron(int Index) : RelevanceStart
    {
        public override string Key => "neuron" + Index.ToString(CultureInfo.InvariantCulture);
        internal override string Emit(OnnxGraphWriter graph, string output, int[] outputShape)
        {
            var count = (int)Layers.Layer.Count(outputShape);
            if (Index < 0 || Index >= count)
                throw new InvalidInputException($"Output neuron {Index} does not exist; the model has {count} outputs.");
            var mask = new float[count];
            mask[Index] = 1f;
            return graph.Node("Mul", [output, graph.Constant("neuron_mask", mask, outputShape.Select(d => (long)d).ToArray())], "r_start");
        }
    }
}
