using Onnx;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>A compiled relevance graph: the model's forward pass followed by its relevance backward pass.</summary>
public sealed record CompiledRelevanceGraph(ModelProto Model, string InputName, string PredictionName, string RelevanceName);

/// <summary>
/// The relevance computation split around the network's first (largest) max pooling, whose relevance routing runs
/// in C# (<see cref="Kernels.MaxPoolRouting"/>): Front computes the layers up to and including the pooling, Middle
/// everything after it forward and backward, Back the relevance of the layers before it from the tensors Front kept.
/// </summary>
public sealed record SplitRelevancePlan(
    ModelProto Front,
    IReadOnlyList<string> FrontOutputs,
    string PoolInputName,
    string PooledName,
    MaxPoolLayer Pool,
    int[] PoolInputShape,
    int[] PoolOutputShape,
    ModelProto Middle,
    string MiddleInputName,
    string PredictionName,
    string PooledRelevanceName,
    ModelProto Back,
    IReadOnlyList<string> BackForwardInputs,
    string BackRelevanceInputName,
    string RelevanceName);

/// <summary>
/// Compiles a canonical model and a composite into ONNX graphs that compute the prediction and the relevance at
/// the input: each linear layer's rule becomes convolutions/matrix products with rule-modified weights as new
/// initialisers, max pooling routes relevance through the forward pass's winners, and ONNX Runtime does the
/// tensor work. By default one graph does everything; <see cref="CompileSplit"/> hands the first max pooling to C#.
/// </summary>
public static class RelevanceCompiler
{
    /// <summary>The default-domain opset of compiled graphs (ScatterElements with reduction needs ≥ 16).</summary>
    public const int Opset = 17;

    /// <param name="inputNonNegative">
    /// The caller guarantees the input is ≥ 0 (e.g. a normalised MRI), so rules can drop the x⁻ terms of the first
    /// layer; unsigned integer inputs are known to be so anyway.
    /// </param>
    public static CompiledRelevanceGraph Compile(CanonicalModel model, Composite composite, RelevanceStart start, bool inputNonNegative = false)
    {
        var g = new OnnxGraphWriter("relevance");
        g.Reserve(model.InputName);
        g.Input(model.InputName, model.InputType, Dims(model.InputShape));
        var nonNegative = NonNegativeInputs(model, inputNonNegative);
        var forward = EmitForward(g, model, 0, model.Layers.Count, model.InputName);
        var prediction = g.Node("Identity", [forward.Last], "prediction");
        var relevance = start.Emit(g, forward.Last, model.OutputShape);
        relevance = EmitBackward(g, model, composite, model.Layers.Count - 1, 0, forward, nonNegative, relevance);
        if (relevance == model.InputName)
            throw new InvalidInputException($"Model '{model.Source}' has no layer between input and output to explain.");
        var relevanceOut = g.Node("Identity", [relevance], "relevance");
        g.Output(prediction, TensorProto.Types.DataType.Float, Dims(model.OutputShape));
        g.Output(relevanceOut, TensorProto.Types.DataType.Float, Dims(model.InputShape));
        return new CompiledRelevanceGraph(g.ToModel(Opset), model.InputName, prediction, relevanceOut);
    }

    /// <summary>
    /// The split plan when the model has a 3-d max pooling after at least one other layer on a tensor small enough
    /// for 32-bit winner indices; otherwise null (use <see cref="Compile"/>).
    /// </summary>
    public static SplitRelevancePlan? CompileSplit(CanonicalModel model, Composite composite, RelevanceStart start, bool inputNonNegative = false)
    {
        var p = -1;
        for (var i = 0; i < model.Layers.Count; i++)
            if (model.Layers[i] is MaxPoolLayer) { p = i; break; }
        if (p < 1 || model.Shapes[p].Length != 5 || Layer.Count(model.Shapes[p]) >= int.MaxValue) return null;
        var pool = (MaxPoolLayer)model.Layers[p];
        var nonNegative = NonNegativeInputs(model, inputNonNegative);
        var firstLinear = FirstLinear(model);

        // Middle: from the pooled tensor to the prediction and back to the pooled tensor's relevance.
        var m = new OnnxGraphWriter("relevance_middle");
        const string pooled = "pooled";
        m.Reserve(pooled);
        m.Input(pooled, TensorProto.Types.DataType.Float, Dims(model.Shapes[p + 1]));
        var middle = EmitForward(m, model, p + 1, model.Layers.Count, pooled);
        var prediction = m.Node("Identity", [middle.Last], "prediction");
        var r = start.Emit(m, middle.Last, model.OutputShape);
        r = EmitBackward(m, model, composite, model.Layers.Count - 1, p + 1, middle, nonNegative, r, firstLinear);
        var pooledRelevance = m.Node("Identity", [r], "pooled_relevance");
        m.Output(prediction, TensorProto.Types.DataType.Float, Dims(model.OutputShape));
        m.Output(pooledRelevance, TensorProto.Types.DataType.Float, Dims(model.Shapes[p + 1]));

        // Back: the layers before the pooling, fed with the forward tensors Front keeps.
        var b = new OnnxGraphWriter("relevance_back");
        var names = FixedForwardNames(model, p);
        for (var i = 0; i <= p; i++)
        {
            b.Reserve(names[i]);
            var type = i == 0 ? model.InputType : TensorProto.Types.DataType.Float;
            b.Input(names[i], type, Dims(model.Shapes[i]));
        }
        const string poolInputRelevance = "pool_input_relevance";
        b.Reserve(poolInputRelevance);
        b.Input(poolInputRelevance, TensorProto.Types.DataType.Float, Dims(model.Shapes[p]));
        var back = new ForwardNames(names[..p], names[1..(p + 1)], new string?[p], 0);
        var relevance = EmitBackward(b, model, composite, p - 1, 0, back, nonNegative, poolInputRelevance, firstLinear);
        var relevanceOut = b.Node("Identity", [relevance], "relevance");
        b.Output(relevanceOut, TensorProto.Types.DataType.Float, Dims(model.InputShape));
        var used = b.Graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in b.Graph.Input.Where(i => !used.Contains(i.Name)).ToList()) b.Graph.Input.Remove(unused);
        var backForward = b.Graph.Input.Select(i => i.Name).Where(n => n != poolInputRelevance).ToList();

        // Front: the layers before the pooling, keeping what Back needs and the pooling's input.
        var f = new OnnxGraphWriter("relevance_front");
        f.Reserve(model.InputName);
        f.Input(model.InputName, model.InputType, Dims(model.InputShape));
        var front = EmitForward(f, model, 0, p, model.InputName, names);
        var frontOutputs = backForward.Where(n => n != model.InputName).Append(front.Last).Distinct().ToList();
        foreach (var name in frontOutputs)
        {
            var index = Array.IndexOf(names, name);
            f.Output(name, TensorProto.Types.DataType.Float, Dims(model.Shapes[index]));
        }
        // The pooling itself without indices: ONNX Runtime's fast kernel; winners are found again only where needed.
        var pooledFront = pool.EmitForward(f, front.Last, model.Shapes[p], model.Shapes[p + 1]);
        f.Output(pooledFront, TensorProto.Types.DataType.Float, Dims(model.Shapes[p + 1]));
        frontOutputs.Add(pooledFront);

        return new SplitRelevancePlan(
            f.ToModel(Opset), frontOutputs, front.Last, pooledFront, pool, model.Shapes[p], model.Shapes[p + 1],
            m.ToModel(Opset), pooled, prediction, pooledRelevance,
            b.ToModel(Opset), backForward, poolInputRelevance, relevanceOut);
    }

    /// <summary>Tensor names along a stretch of layers: Inputs[k]/Outputs[k] belong to layer Offset + k.</summary>
    private sealed record ForwardNames(string[] Inputs, string[] Outputs, string?[] Routing, int Offset)
    {
        public string Last => Outputs.Length > 0 ? Outputs[^1] : "";
    }

    /// <summary>Names for the tensors before layer p (index i = input of layer i), fixed so Front and Back agree.</summary>
    private static string[] FixedForwardNames(CanonicalModel model, int p)
    {
        var names = new string[p + 1];
        names[0] = model.InputName;
        for (var i = 1; i <= p; i++) names[i] = $"forward_{i}";
        return names;
    }

    private static ForwardNames EmitForward(OnnxGraphWriter g, CanonicalModel model, int from, int to, string input, string[]? fixedNames = null)
    {
        var count = to - from;
        var inputs = new string[count];
        var outputs = new string[count];
        var routing = new string?[count];
        var current = input;
        for (var k = 0; k < count; k++)
        {
            var i = from + k;
            inputs[k] = current;
            (outputs[k], routing[k]) = model.Layers[i].EmitForwardForRelevance(g, current, model.Shapes[i], model.Shapes[i + 1]);
            if (fixedNames is not null)
            {
                g.Reserve(fixedNames[i + 1]);
                outputs[k] = g.Graph.Node.Count > 0 && g.Graph.Node[^1].Output.Contains(outputs[k])
                    ? Rename(g, outputs[k], fixedNames[i + 1])
                    : g.Node("Identity", [outputs[k]], fixedNames[i + 1]);
            }
            current = outputs[k];
        }
        if (count == 0) return new ForwardNames([], [input], [], from);
        return new ForwardNames(inputs, outputs, routing, from);
    }

    /// <summary>Gives the last node's output a fixed name (so separately compiled graphs can exchange it).</summary>
    private static string Rename(OnnxGraphWriter g, string from, string to)
    {
        var node = g.Graph.Node[^1];
        var index = node.Output.IndexOf(from);
        node.Output[index] = to;
        return to;
    }

    private static string EmitBackward(OnnxGraphWriter g, CanonicalModel model, Composite composite, int from, int to,
        ForwardNames forward, bool[] nonNegative, string relevance, int? firstLinear = null)
    {
        var first = firstLinear ?? FirstLinear(model);
        for (var i = from; i >= to; i--)
        {
            var k = i - forward.Offset;
            var layer = model.Layers[i];
            var rule = layer is LinearLayer linear ? composite.RuleFor(linear, i == first) : null;
            var step = new BackwardStep(g, forward.Inputs[k], model.Shapes[i], nonNegative[i], forward.Outputs[k], forward.Routing[k],
                model.Shapes[i + 1], relevance, rule, composite.PoolingStabiliser);
            relevance = layer.EmitRelevance(step);
        }
        return relevance;
    }

    /// <summary>For every layer, whether its input is known to be ≥ 0 (unsigned model input, after ReLU, …).</summary>
    private static bool[] NonNegativeInputs(CanonicalModel model, bool inputNonNegative)
    {
        var flags = new bool[model.Layers.Count];
        var current = inputNonNegative || IsUnsigned(model.InputType);
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = current;
            current = model.Layers[i].OutputNonNegative(current);
        }
        return flags;
    }

    private static int FirstLinear(CanonicalModel model)
    {
        for (var i = 0; i < model.Layers.Count; i++)
            if (model.Layers[i] is LinearLayer) return i;
        return -1;
    }

    private static long[] Dims(int[] shape) => shape.Select(d => (long)d).ToArray();

    private static bool IsUnsigned(TensorProto.Types.DataType type) =>
        type is TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Uint16
            or TensorProto.Types.DataType.Uint32 or TensorProto.Types.DataType.Uint64 or TensorProto.Types.DataType.Bool;
}
