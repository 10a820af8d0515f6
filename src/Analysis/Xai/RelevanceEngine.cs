using System.Collections.Concurrent;
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
/// (model SHA-256, composite, relevance start, provider), so engines for the same model share them.
/// </summary>
public sealed class RelevanceEngine : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<(InferenceSession Session, CompiledRelevanceGraph Graph)>> Compiled = new();

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
    public float[] Predict(float[] input)
    {
        using var value = InputValue(input);
        var session = _forward.Value;
        using var results = session.Run(new RunOptions(), [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Creates the forward session and compiles the relevance graph now, so that later runs time only the work.</summary>
    public void Prepare(Composite composite, RelevanceStart? start = null)
    {
        _ = _forward.Value;
        Session(composite, start ?? RelevanceStart.Output);
    }

    /// <summary>The compiled relevance graph for a composite (compiling it if needed).</summary>
    public CompiledRelevanceGraph Graph(Composite composite, RelevanceStart? start = null) => Session(composite, start ?? RelevanceStart.Output).Graph;

    /// <summary>Computes the prediction and the relevance of one input given in the model's input shape (batch 1).</summary>
    public RelevanceResult Explain(float[] input, Composite composite, RelevanceStart? start = null)
    {
        var (session, graph) = Session(composite, start ?? RelevanceStart.Output);
        using var value = InputValue(input);
        var clock = Stopwatch.StartNew();
        using var results = session.Run(new RunOptions(), [graph.InputName], [value], [graph.PredictionName, graph.RelevanceName]);
        var seconds = clock.Elapsed.TotalSeconds;
        return new RelevanceResult(
            results[0].GetTensorDataAsSpan<float>().ToArray(),
            results[1].GetTensorDataAsSpan<float>().ToArray(),
            Model.InputShape,
            seconds);
    }

    private (InferenceSession Session, CompiledRelevanceGraph Graph) Session(Composite composite, RelevanceStart start)
    {
        var key = $"{Model.Sha256}|{composite.Key}|{start.Key}|{Provider}|{_options.StripSoftmax}";
        var lazy = Compiled.GetOrAdd(key, _ => new Lazy<(InferenceSession, CompiledRelevanceGraph)>(() =>
        {
            var graph = RelevanceCompiler.Compile(Model, composite, start);
            _options.Log?.Invoke($"compiled relevance graph for {composite.Name} ({graph.Model.Graph.Node.Count} nodes)");
            return (NewSession(graph.Model.ToByteArray()), graph);
        }));
        try { return lazy.Value; }
        catch
        {
            Compiled.TryRemove(key, out _);
            throw;
        }
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
