using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>Options of a <see cref="RelevanceEngine"/>.</summary>
public sealed record RelevanceEngineOptions
{
    public ProviderPreference Provider { get; init; } = ProviderPreference.Auto;

    public bool StripSoftmax { get; init; }

    /// <summary>
    /// Route relevance through the network's leading max poolings (the largest tensors) in C# between ONNX Runtime
    /// sessions instead of inside one graph (ONNX Runtime's MaxPool-with-indices and ScatterElements are several
    /// times slower there). False gives the single graph.
    /// </summary>
    public bool SplitFirstMaxPool { get; init; } = true;

    /// <summary>How many leading max poolings route in C# when <see cref="SplitFirstMaxPool"/> is set (one session pair each).</summary>
    public int SplitMaxPools { get; init; } = DefaultSplitMaxPools;

    /// <summary>
    /// The default of <see cref="SplitMaxPools"/>: every leading max pooling up to eight (MRInet has five). With the
    /// fused kernels each split block's backward costs less in C# than in the graph (MRInet 198³, preset A: blocks
    /// 3–5 together 0.05 s fused against 0.2 s for the rest of the network in one graph); for rules without a
    /// contribution form the C# routing of a small pooling costs about what the graph's would.
    /// </summary>
    public const int DefaultSplitMaxPools = 8;

    /// <summary>
    /// With the split plan, compute the relevance of each split block (the last Conv before a max pooling, with ReLUs
    /// or LeakyReLUs between them; any kernel, pool size and stride) in one C# pass at the pooling's winners instead of
    /// routing into a dense tensor and running the convolution's backward graph, where the convolution's rule has a
    /// contribution form (LRP-0, ε, z⁺, αβ): <see cref="Kernels.ConvMaxPoolRouting"/> for blocks with few input channels,
    /// <see cref="Kernels.ChannelsLastConvMaxPoolRouting"/> for wider ones. Layers of the stretch before that
    /// convolution (an input Cast/Transpose, a BatchNormalization after the previous pooling) keep a small backward graph.
    /// </summary>
    public bool FuseConvBlocks { get; init; } = true;

    /// <summary>Receives one line when a session is created (which provider) and when a graph is compiled.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>The prediction and the relevance (in the model's input shape) for one input.</summary>
public sealed record RelevanceResult(float[] Prediction, float[] Relevance, int[] InputShape, double Seconds)
{
    public double RelevanceSum => Relevance.Sum(v => (double)v);
}

/// <summary>
/// Explains one ONNX model: predictions through the original graph, relevance through a compiled
/// forward-plus-backward graph, both on ONNX Runtime. Compiled sessions are cached for the life of the process per
/// (model SHA-256, composite, relevance start, provider), so engines for the same model share them; the cache keeps
/// the <see cref="CompiledCacheCapacity"/> most recently used. Explain and Predict may be called concurrently on one
/// engine (ONNX Runtime sessions run concurrently; every call has its own buffers).
/// </summary>
public sealed class RelevanceEngine : IDisposable
{
    /// <summary>Compiled graphs cached when <see cref="CompiledCacheCapacity"/> is not set (each holds its sessions' weights).</summary>
    public const int DefaultCompiledCacheCapacity = 16;

    private static readonly CompiledPlanCache<CompiledPlan> Compiled = new(DefaultCompiledCacheCapacity);

    private readonly byte[] _modelBytes;
    private readonly RelevanceEngineOptions _options;
    private readonly Lazy<InferenceSession> _forward;

    private RelevanceEngine(byte[] modelBytes, CanonicalModel model, RelevanceEngineOptions options)
    {
        _modelBytes = modelBytes;
        _options = options;
        Model = model;
        var (probe, provider) = ExecutionProviders.Create(options.Provider, options.Log);
        probe.Dispose();
        Provider = provider;
        _forward = new Lazy<InferenceSession>(() => NewSession(_modelBytes));
    }

    public CanonicalModel Model { get; }

    /// <summary>
    /// How many compiled relevance graphs (model × composite × start × options) the process keeps; the least recently
    /// used beyond it is disposed as soon as no call is running it.
    /// </summary>
    public static int CompiledCacheCapacity
    {
        get => Compiled.Capacity;
        set => Compiled.Capacity = value;
    }

    /// <summary>How many compiled relevance graphs the process holds now.</summary>
    public static int CompiledCacheCount => Compiled.Count;

    /// <summary>The execution provider sessions of this engine run on.</summary>
    public string Provider { get; }

    public static RelevanceEngine Load(string path, RelevanceEngineOptions? options = null)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"Model file '{path}' does not exist.");
        return FromBytes(File.ReadAllBytes(path), path, options);
    }

    public static RelevanceEngine FromBytes(byte[] bytes, string source, RelevanceEngineOptions? options = null)
    {
        options ??= new RelevanceEngineOptions();
        var model = OnnxModelReader.Read(bytes, source, new ModelReadOptions { StripSoftmax = options.StripSoftmax });
        return new RelevanceEngine(bytes, model, options);
    }

    /// <summary>Runs the original model on one input given in the model's input shape (batch 1).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (ONNX Runtime stops between its kernels).</exception>
    public float[] Predict(float[] input, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var value = InputValue(input);
        var session = _forward.Value;
        // Held (and disposed) past the run: a temporary could be finalised while ONNX Runtime still reads it (a crash).
        using var options = new RunOptions();
        using var registration = cancellationToken.Register(() => options.Terminate = true);
        try
        {
            using var results = session.Run(options, [session.InputNames[0]], [value], [session.OutputNames[0]]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The prediction was cancelled.", cancellationToken);
        }
    }

    /// <summary>Creates the forward session and compiles the relevance graph now, so that later runs time only the work.</summary>
    public void Prepare(Composite composite, RelevanceStart? start = null, bool inputNonNegative = false)
    {
        _ = _forward.Value;
        using var lease = Session(composite, start ?? RelevanceStart.Output, inputNonNegative);
    }

    /// <summary>Computes the prediction and the relevance of one input given in the model's input shape (batch 1).</summary>
    /// <param name="cancellationToken">Stops a running explanation (ONNX Runtime's terminate flag, checked between its kernels).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public RelevanceResult Explain(float[] input, Composite composite, RelevanceStart? start = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Real images are usually ≥ 0; their graphs skip the x⁻ half of sign-splitting first-layer rules.
        using var lease = Session(composite, start ?? RelevanceStart.Output, IsNonNegative(input));
        var plan = lease.Value;
        using var value = InputValue(input);
        using var options = new RunOptions();
        using var registration = cancellationToken.Register(() => options.Terminate = true);
        var clock = Stopwatch.StartNew();
        try
        {
            var (prediction, relevance) = plan.Split is { } split ? RunSplit(split, plan, value, options, cancellationToken) : RunSingle(plan, value, options);
            return new RelevanceResult(prediction, relevance, Model.InputShape, clock.Elapsed.TotalSeconds);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The explanation was cancelled.", cancellationToken);
        }
    }

    /// <summary>Whether relevance for this composite runs as the split plan (first max pooling in C#).</summary>
    public bool UsesSplitPlan(Composite composite, RelevanceStart? start = null)
    {
        using var lease = Session(composite, start ?? RelevanceStart.Output, inputNonNegative: false);
        return lease.Value.Split is not null;
    }

    /// <summary>How many blocks the split plan computes in one C# pass each (<see cref="RelevanceEngineOptions.FuseConvBlocks"/>).</summary>
    public int FusedBlockCount(Composite composite, RelevanceStart? start = null)
    {
        using var lease = Session(composite, start ?? RelevanceStart.Output, inputNonNegative: false);
        return lease.Value.Split?.Segments.Count(s => s.Fused is not null) ?? 0;
    }

    private static bool IsNonNegative(float[] input)
    {
        foreach (var v in input) if (!(v >= 0f)) return false;
        return true;
    }

    private static (float[], float[]) RunSingle(CompiledPlan plan, OrtValue input, RunOptions options)
    {
        var graph = plan.Graph!;
        using var results = plan.Sessions[0]!.Run(options, [graph.InputName], [input], [graph.PredictionName, graph.RelevanceName]);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray());
    }

    private unsafe (float[], float[]) RunSplit(SplitRelevancePlan plan, CompiledPlan compiled, OrtValue input, RunOptions options,
        CancellationToken cancellationToken)
    {
        var segments = plan.Segments;
        var results = new List<IDisposable>();
        try
        {
            // Forward through the segments; every tensor a later session needs is kept by name.
            var tensors = new Dictionary<string, OrtValue>(StringComparer.Ordinal) { [Model.InputName] = input };
            for (var k = 0; k < segments.Count; k++)
            {
                var segment = segments[k];
                var outputs = compiled.Forward(k).Run(options, [segment.InputName], [tensors[segment.InputName]], [.. segment.ForwardOutputs]);
                results.Add(outputs);
                for (var i = 0; i < segment.ForwardOutputs.Count; i++) tensors[segment.ForwardOutputs[i]] = outputs[i];
            }

            var middle = compiled.Middle.Run(options, [plan.MiddleInputName], [tensors[plan.MiddleInputName]],
                [plan.PredictionName, plan.PooledRelevanceName]);
            results.Add(middle);
            var prediction = middle[0].GetTensorDataAsSpan<float>().ToArray();

            // Backward: each segment's pooling routed in C# (or its fused block computed there), then its backward graph.
            var relevance = middle[1];
            for (var k = segments.Count - 1; k >= 0; k--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var segment = segments[k];
                if (segment.Fused is { } fused && k == 0 && segment.Backward is null)
                {
                    // The model input's relevance is returned to the caller.
                    var inputRelevance = new float[Layers.Layer.Count(fused.InputShape)];
                    fixed (float* rIn = inputRelevance) RouteFused(segment, fused, tensors, relevance, rIn);
                    return (prediction, inputRelevance);
                }
                // Routed relevance comes from ONNX Runtime's CPU arena, which every session shares: memory the graphs'
                // own tensors reuse, not a second pool beside it.
                var routedShape = segment.Fused?.InputShape ?? segment.PoolInputShape;
                var routedValue = OrtValue.CreateAllocatedTensorValue(compiled.Allocator, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, routedShape.Select(d => (long)d).ToArray());
                results.Add(routedValue);
                fixed (float* rIn = routedValue.GetTensorMutableDataAsSpan<float>())
                {
                    if (segment.Fused is { } block) RouteFused(segment, block, tensors, relevance, rIn);
                    else
                        fixed (float* x = tensors[segment.PoolInputName].GetTensorDataAsSpan<float>())
                        fixed (float* y = tensors[segment.PooledName].GetTensorDataAsSpan<float>())
                        fixed (float* r = relevance.GetTensorDataAsSpan<float>())
                            Kernels.MaxPoolRouting.Backward(x, y, r, segment.PoolInputShape, segment.Pool.Window, segment.PoolOutputShape, rIn);
                }
                relevance = routedValue;
                if (compiled.Backward(k) is not { } backward) continue;
                var backInputs = segment.BackwardForwardInputs.Select(n => tensors[n]).Append(routedValue).ToArray();
                var back = backward.Run(options, [.. segment.BackwardForwardInputs, segment.BackwardRelevanceInputName],
                    backInputs, [segment.BackwardRelevanceName]);
                results.Add(back);
                relevance = back[0];
            }
            return (prediction, relevance.GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            for (var i = results.Count - 1; i >= 0; i--) results[i].Dispose();
        }
    }

    /// <summary>A fused block's relevance at its convolution's input, written to <paramref name="rIn"/>.</summary>
    private static unsafe void RouteFused(SplitSegment segment, FusedConvBlock fused, Dictionary<string, OrtValue> tensors, OrtValue relevance, float* rIn)
    {
        fixed (float* x = tensors[fused.InputName].GetTensorDataAsSpan<float>())
        fixed (float* poolInput = tensors[segment.PoolInputName].GetTensorDataAsSpan<float>())
        fixed (float* r = relevance.GetTensorDataAsSpan<float>())
            if (fused.Kernel == FusedKernel.ChannelsLast)
                Kernels.FusedBlockKernel.Backward<Kernels.ChannelsLastConvMaxPoolRouting.Kernel>(x, fused.InputShape, fused.InputNonNegative, fused.Conv, fused.Form, poolInput,
                    segment.PoolInputShape, r, segment.Pool.Window, segment.PoolOutputShape, rIn, fused.PoolInputIsOutput);
            else
                Kernels.FusedBlockKernel.Backward<Kernels.ConvMaxPoolRouting.Kernel>(x, fused.InputShape, fused.InputNonNegative, fused.Conv, fused.Form, poolInput,
                    segment.PoolInputShape, r, segment.Pool.Window, segment.PoolOutputShape, rIn, fused.PoolInputIsOutput);
    }

    /// <summary>
    /// One compiled relevance computation: a single graph (one session), or the split plan's sessions — every segment's
    /// forward and backward (absent when a fused block needs none) in order, then the middle.
    /// </summary>
    private sealed record CompiledPlan(IReadOnlyList<InferenceSession?> Sessions, CompiledRelevanceGraph? Graph, SplitRelevancePlan? Split) : IDisposable
    {
        /// <summary>The CPU allocator of the plan's sessions (ONNX Runtime's arena), for the relevance routed between them.</summary>
        public OrtAllocator Allocator { get; } = new(Sessions[^1]!, OrtMemoryInfo.DefaultInstance);

        public InferenceSession Forward(int segment) => Sessions[2 * segment]!;

        public InferenceSession? Backward(int segment) => Sessions[2 * segment + 1];

        public InferenceSession Middle => Sessions[^1]!;

        public void Dispose()
        {
            Allocator.Dispose();
            foreach (var session in Sessions) session?.Dispose();
        }
    }

    private CompiledPlanCache<CompiledPlan>.Lease Session(Composite composite, RelevanceStart start, bool inputNonNegative)
    {
        var key = $"{Model.Sha256}|{composite.Key}|{start.Key}|{Provider}|{_options.StripSoftmax}|{_options.SplitFirstMaxPool}|{_options.SplitMaxPools}|{_options.FuseConvBlocks}|{inputNonNegative}";
        return Compiled.Acquire(key, () =>
        {
            if (_options.SplitFirstMaxPool && RelevanceCompiler.CompileSplit(Model, composite, start, inputNonNegative, _options.SplitMaxPools, _options.FuseConvBlocks) is { } split)
            {
                _options.Log?.Invoke($"compiled relevance graphs for {composite.Name} around {split.Segments.Count} max pooling(s) " +
                    $"({string.Join(" + ", split.Segments.Select(s => $"{s.Forward.Graph.Node.Count}/{s.Backward?.Graph.Node.Count ?? 0}{(s.Fused is null ? "" : " fused")}"))} + {split.Middle.Graph.Node.Count} nodes)");
                // Sessions: forward and backward of every segment in order, then Middle.
                var sessions = split.Segments.SelectMany(s => new[] { s.Forward, s.Backward }).Append(split.Middle)
                    .Select(m => m is null ? null : NewSession(m.ToByteArray())).ToList();
                return new CompiledPlan(sessions, null, split);
            }
            var graph = RelevanceCompiler.Compile(Model, composite, start, inputNonNegative);
            _options.Log?.Invoke($"compiled relevance graph for {composite.Name} ({graph.Model.Graph.Node.Count} nodes)");
            return new CompiledPlan([NewSession(graph.Model.ToByteArray())], graph, null);
        });
    }

    private InferenceSession NewSession(byte[] model)
    {
        var (options, _) = ExecutionProviders.Create(_options.Provider == ProviderPreference.Auto && Provider == ExecutionProviders.Cpu
            ? ProviderPreference.Cpu : _options.Provider);
        using (options) return new InferenceSession(model, options);
    }

    private OrtValue InputValue(float[] input)
    {
        var shape = Model.InputShape;
        var expected = Layers.Layer.Count(shape);
        if (input.Length != expected)
            throw new InvalidInputException(
                $"Input has {input.Length} values; model '{Model.Source}' expects input '{Model.InputName}' of shape [{string.Join(", ", shape)}] ({expected} values).");
        var dims = shape.Select(d => (long)d).ToArray();
        return Model.InputType switch
        {
            TensorProto.Types.DataType.Float => OrtValue.CreateTensorValueFromMemory(input, dims),
            TensorProto.Types.DataType.Uint8 => OrtValue.CreateTensorValueFromMemory(
                input.Select(v => (byte)Math.Clamp(MathF.Round(v), 0f, 255f)).ToArray(), dims),
            _ => throw new InvalidInputException($"Model '{Model.Source}': input type {Model.InputType} is not supported (float32 or uint8)."),
        };
    }

    public void Dispose()
    {
        if (_forward.IsValueCreated) _forward.Value.Dispose();
    }
}
