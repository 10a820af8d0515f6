using Onnx;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>A compiled relevance graph: the model's forward pass followed by its relevance backward pass.</summary>
public sealed record CompiledRelevanceGraph(ModelProto Model, string InputName, string PredictionName, string RelevanceName);

/// <summary>
/// One stretch of a split relevance plan, ending in a max pooling whose relevance routing runs in C#
/// (<see cref="Kernels.MaxPoolRouting"/>): Forward computes the stretch's layers from <see cref="InputName"/> up to
/// and including the pooling and keeps what the backward pass needs. Without <see cref="Fused"/>, Backward takes those
/// tensors and the relevance routed to the pooling's input and returns the relevance at <see cref="InputName"/>. With
/// it, a C# kernel computes the relevance at the fused convolution's input straight from the pooled relevance, and
/// Backward (null when that convolution is the stretch's first layer) carries it back through the layers before the
/// convolution (an input Cast/Transpose, a BatchNormalization after the previous pooling, earlier layers).
/// </summary>
public sealed record SplitSegment(
    ModelProto Forward,
    string InputName,
    IReadOnlyList<string> ForwardOutputs,
    string PoolInputName,
    string PooledName,
    MaxPoolLayer Pool,
    int[] PoolInputShape,
    int[] PoolOutputShape,
    ModelProto? Backward,
    IReadOnlyList<string> BackwardForwardInputs,
    string BackwardRelevanceInputName,
    string BackwardRelevanceName,
    FusedConvBlock? Fused);

/// <summary>Which C# kernel computes a fused block's relevance.</summary>
public enum FusedKernel
{
    /// <summary><see cref="Kernels.ConvMaxPoolRouting"/>: each winner's terms over its receptive field (few input channels, any contribution form).</summary>
    PerWinner,

    /// <summary><see cref="Kernels.ChannelsLastConvMaxPoolRouting"/>: vectors over many input channels, contributions factored through x.</summary>
    ChannelsLast,
}

/// <summary>
/// A block's convolution (the last before the pooling, with only activations that pass relevance through between
/// them), the tensor that is its input, its rule's contributions and the kernel that evaluates them.
/// <paramref name="PoolInputIsOutput"/>: only ReLUs (or LeakyReLUs with α ≥ 0) lie between the convolution and the pooling,
/// so the pooling's input equals the convolution's output wherever it is &gt; 0.
/// </summary>
public sealed record FusedConvBlock(ConvLayer Conv, Rules.ContributionForm Form, string InputName, int[] InputShape, bool InputNonNegative,
    FusedKernel Kernel, bool PoolInputIsOutput);

/// <summary>
/// The relevance computation split around the network's leading max poolings (the largest tensors): the segments
/// in forward order, then Middle, which computes everything after the last split pooling forward and backward.
/// Tensors pass between sessions by name (the model's input, then <c>forward_i</c> for the input of layer i).
/// </summary>
public sealed record SplitRelevancePlan(
    IReadOnlyList<SplitSegment> Segments,
    ModelProto Middle,
    string MiddleInputName,
    string PredictionName,
    string PooledRelevanceName);

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
    /// The split plan around up to <paramref name="maxPools"/> leading 3-d max poolings, each after at least one
    /// other layer and on a tensor small enough for 32-bit indices; null when the first max pooling is not such
    /// (use <see cref="Compile"/>).
    /// </summary>
    /// <param name="fuseConvBlocks">
    /// Let a fused C# kernel compute the relevance of every split segment that is one block, Conv → (ReLU…) → MaxPool
    /// on a float tensor, whose convolution's rule has a contribution form (see <see cref="FusedKernel"/>).
    /// </param>
    public static SplitRelevancePlan? CompileSplit(CanonicalModel model, Composite composite, RelevanceStart start,
        bool inputNonNegative = false, int maxPools = 1, bool fuseConvBlocks = false)
    {
        var pools = new List<int>();
        var segmentStart = 0;
        for (var i = 0; i < model.Layers.Count && pools.Count < maxPools; i++)
        {
            if (model.Layers[i] is not MaxPoolLayer) continue;
            if (i <= segmentStart || model.Shapes[i].Length != 5 || Layer.Count(model.Shapes[i]) >= int.MaxValue) break;
            pools.Add(i);
            segmentStart = i + 1;
        }
        if (pools.Count == 0) return null;
        var nonNegative = NonNegativeInputs(model, inputNonNegative);
        var firstLinear = FirstLinear(model);
        var names = FixedForwardNames(model, pools[^1] + 1);

        // Middle: from the last split pooling's output to the prediction and back to that output's relevance.
        var last = pools[^1];
        var m = new OnnxGraphWriter("relevance_middle");
        var pooled = names[last + 1];
        m.Reserve(pooled);
        m.Input(pooled, TensorProto.Types.DataType.Float, Dims(model.Shapes[last + 1]));
        var middle = EmitForward(m, model, last + 1, model.Layers.Count, pooled);
        var prediction = m.Node("Identity", [middle.Last], "prediction");
        var r = start.Emit(m, middle.Last, model.OutputShape);
        r = EmitBackward(m, model, composite, model.Layers.Count - 1, last + 1, middle, nonNegative, r, firstLinear);
        var pooledRelevance = m.Node("Identity", [r], "pooled_relevance");
        m.Output(prediction, TensorProto.Types.DataType.Float, Dims(model.OutputShape));
        m.Output(pooledRelevance, TensorProto.Types.DataType.Float, Dims(model.Shapes[last + 1]));

        var segments = new List<SplitSegment>();
        for (var k = 0; k < pools.Count; k++)
        {
            var from = k == 0 ? 0 : pools[k - 1] + 1;
            var fused = fuseConvBlocks ? Block(model, composite, from, pools[k], firstLinear, nonNegative, names) : null;
            segments.Add(CompileSegment(model, composite, from, pools[k], names, nonNegative, firstLinear, fused));
        }
        return new SplitRelevancePlan(segments, m.ToModel(Opset), pooled, prediction, pooledRelevance);
    }

    /// <summary>
    /// The fused block of layers [from, p] (p a max pooling on a float tensor): the last convolution c before p with
    /// only ReLU/LeakyReLU between them, when its rule has a contribution form and one of the fused kernels takes it
    /// (few input channels, or many when the contributions factor). Layers [from, c) stay in the backward graph.
    /// </summary>
    private static FusedConvBlock? Block(CanonicalModel model, Composite composite, int from, int p, int firstLinear, bool[] nonNegative, string[] names)
    {
        if (!Kernels.ConvPoolGeometry.PoolFits(((MaxPoolLayer)model.Layers[p]).Window)) return null;
        var c = p - 1;
        while (c >= from && model.Layers[c] is ReluLayer or LeakyReluLayer) c--;
        if (c < from || model.Layers[c] is not ConvLayer conv) return null;
        if (c == 0 && model.InputType != TensorProto.Types.DataType.Float) return null;
        if (composite.RuleFor(conv, isFirstLinear: c == firstLinear).Contributions(conv) is not { } form) return null;
        var shape = model.Shapes[c];
        // ReLU and LeakyReLU (α ≥ 0) pass positive values unchanged, so a positive pooling input is the convolution's output.
        var reluOnly = Enumerable.Range(c + 1, p - c - 1).All(i => model.Layers[i] is ReluLayer or LeakyReluLayer { Alpha: >= 0f });
        if (Kernels.ConvMaxPoolRouting.Supports(conv, shape))
            return new FusedConvBlock(conv, form, names[c], shape, nonNegative[c], FusedKernel.PerWinner, reluOnly);
        if (Kernels.ChannelsLastConvMaxPoolRouting.Supports(conv, shape))
            return new FusedConvBlock(conv, form, names[c], shape, nonNegative[c], FusedKernel.ChannelsLast, reluOnly);
        return null;
    }

    /// <summary>
    /// Forward and backward graphs of layers [from, p), p being a max pooling. The backward graph covers the layers
    /// before the fused convolution when there is one (none when it is the first), else all of them.
    /// </summary>
    private static SplitSegment CompileSegment(CanonicalModel model, Composite composite, int from, int p, string[] names,
        bool[] nonNegative, int firstLinear, FusedConvBlock? fused)
    {
        var pool = (MaxPoolLayer)model.Layers[p];
        TensorProto.Types.DataType TypeOf(int i) => i == 0 ? model.InputType : TensorProto.Types.DataType.Float;
        // Backward starts from the relevance at the input of layer `to`: the fused convolution's, else the pooling's.
        var to = fused is null ? p : Array.IndexOf(names, fused.InputName);

        // Backward: layers [from, to), fed with the forward tensors Forward keeps.
        ModelProto? backward = null;
        var backForward = new List<string>();
        var backRelevanceInput = $"relevance_at_{to}";
        var relevanceOut = $"relevance_{from}";
        if (to > from)
        {
            var b = new OnnxGraphWriter($"relevance_back_{from}");
            for (var i = from; i <= to; i++)
            {
                b.Reserve(names[i]);
                b.Input(names[i], TypeOf(i), Dims(model.Shapes[i]));
            }
            b.Reserve(backRelevanceInput);
            b.Input(backRelevanceInput, TensorProto.Types.DataType.Float, Dims(model.Shapes[to]));
            var back = new ForwardNames(names[from..to], names[(from + 1)..(to + 1)], new string?[to - from], from);
            var relevance = EmitBackward(b, model, composite, to - 1, from, back, nonNegative, backRelevanceInput, firstLinear);
            relevanceOut = b.Node("Identity", [relevance], relevanceOut);
            b.Output(relevanceOut, TensorProto.Types.DataType.Float, Dims(model.Shapes[from]));
            var used = b.Graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
            foreach (var unused in b.Graph.Input.Where(i => !used.Contains(i.Name)).ToList()) b.Graph.Input.Remove(unused);
            backForward = b.Graph.Input.Select(i => i.Name).Where(n => n != backRelevanceInput).ToList();
            backward = b.ToModel(Opset);
        }

        // Forward: the layers before the pooling, keeping what Backward and the fused kernel need and the pooling's input.
        var f = new OnnxGraphWriter($"relevance_front_{from}");
        f.Reserve(names[from]);
        f.Input(names[from], TypeOf(from), Dims(model.Shapes[from]));
        var front = EmitForward(f, model, from, p, names[from], names);
        var kept = fused is null ? backForward : backForward.Append(fused.InputName);
        var frontOutputs = kept.Where(n => n != names[from]).Append(front.Last).Distinct().ToList();
        foreach (var name in frontOutputs)
        {
            var index = Array.IndexOf(names, name);
            f.Output(name, TensorProto.Types.DataType.Float, Dims(model.Shapes[index]));
        }
        // The pooling itself without indices: ONNX Runtime's fast kernel; winners are found again only where needed.
        var pooledFront = pool.EmitForward(f, front.Last, model.Shapes[p], model.Shapes[p + 1]);
        f.Reserve(names[p + 1]);
        pooledFront = Rename(f, pooledFront, names[p + 1]);
        f.Output(pooledFront, TensorProto.Types.DataType.Float, Dims(model.Shapes[p + 1]));
        frontOutputs.Add(pooledFront);

        return new SplitSegment(f.ToModel(Opset), names[from], frontOutputs, front.Last, pooledFront, pool, model.Shapes[p], model.Shapes[p + 1],
            backward, backForward, backRelevanceInput, relevanceOut, fused);
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
