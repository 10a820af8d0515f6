using Onnx;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>A compiled relevance graph: the model's forward pass followed by its relevance backward pass.</summary>
public sealed record CompiledRelevanceGraph(ModelProto Model, string InputName, string PredictionName, string RelevanceName);

/// <summary>
/// Compiles a canonical model and a composite into ONE ONNX graph that computes the prediction and the relevance
/// at the input: each linear layer's rule becomes convolutions/matrix products with rule-modified weights as new
/// initialisers, max pooling routes relevance through the forward pass's argmax indices, and ONNX Runtime does
/// all the tensor work.
/// </summary>
public static class RelevanceCompiler
{
    /// <summary>The default-domain opset of compiled graphs (ScatterElements with reduction needs ≥ 16).</summary>
    public const int Opset = 17;

    public static CompiledRelevanceGraph Compile(CanonicalModel model, Composite composite, RelevanceStart start)
    {
        var g = new OnnxGraphWriter("relevance");
        g.Reserve(model.InputName);
        g.Input(model.InputName, model.InputType, model.InputShape.Select(d => (long)d).ToArray());

        var layers = model.Layers;
        var inputs = new string[layers.Count];
        var outputs = new string[layers.Count];
        var routing = new string?[layers.Count];
        var nonNegative = new bool[layers.Count];
        var current = model.InputName;
        var currentNonNegative = IsUnsigned(model.InputType);
        for (var i = 0; i < layers.Count; i++)
        {
            inputs[i] = current;
            nonNegative[i] = currentNonNegative;
            (outputs[i], routing[i]) = layers[i].EmitForwardForRelevance(g, current, model.Shapes[i], model.Shapes[i + 1]);
            current = outputs[i];
            currentNonNegative = layers[i].OutputNonNegative(currentNonNegative);
        }
        var prediction = g.Node("Identity", [current], "prediction");

        var firstLinear = layers.Select((l, i) => (l, i)).FirstOrDefault(p => p.l is LinearLayer).i;
        var relevance = start.Emit(g, current, model.OutputShape);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var rule = layers[i] is LinearLayer linear ? composite.RuleFor(linear, i == firstLinear) : null;
            var step = new BackwardStep(g, inputs[i], model.Shapes[i], nonNegative[i], outputs[i], routing[i],
                model.Shapes[i + 1], relevance, rule, composite.PoolingStabiliser);
            relevance = layers[i].EmitRelevance(step);
        }
        if (relevance == model.InputName)
            throw new InvalidInputException($"Model '{model.Source}' has no layer between input and output to explain.");
        var relevanceOut = g.Node("Identity", [relevance], "relevance");

        g.Output(prediction, TensorProto.Types.DataType.Float, model.OutputShape.Select(d => (long)d).ToArray());
        g.Output(relevanceOut, TensorProto.Types.DataType.Float, model.InputShape.Select(d => (long)d).ToArray());
        return new CompiledRelevanceGraph(g.ToModel(Opset), model.InputName, prediction, relevanceOut);
    }

    private static bool IsUnsigned(TensorProto.Types.DataType type) =>
        type is TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Uint16
            or TensorProto.Types.DataType.Uint32 or TensorProto.Types.DataType.Uint64 or TensorProto.Types.DataType.Bool;
}
