using Microsoft.ML.OnnxRuntime;
using Onnx;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// One base-model ONNX file of a sub-ensemble, opened once: the LRP engine's forward session serves prediction and
/// its compiled graphs serve relevance, so prediction and explanation share one ONNX Runtime session. A model the
/// LRP engine cannot read (an operator it does not support, dynamic spatial axes) still predicts, through a plain
/// session, and refuses explanation with the engine's reason. The input is checked against the entry's grid and
/// recipe when the file is opened, with messages that name the entry, the file and the expectation.
/// </summary>
public sealed class BaseModel : IDisposable
{
    private readonly RelevanceEngine? _engine;
    private readonly InferenceSession? _session;
    private readonly string? _whyNotExplainable;
    private readonly bool _truncateToUInt8;

    private BaseModel(string file, string entry, VolumeTensorLayout layout, bool probabilities, bool truncateToUInt8,
        RelevanceEngine? engine, InferenceSession? session, string? whyNotExplainable)
    {
        File = file;
        Entry = entry;
        Layout = layout;
        OutputsProbabilities = probabilities;
        _truncateToUInt8 = truncateToUInt8;
        _engine = engine;
        _session = session;
        _whyNotExplainable = whyNotExplainable;
    }

    public string File { get; }

    /// <summary>The configuration entry the model belongs to, e.g. "models.t1".</summary>
    public string Entry { get; }

    public VolumeTensorLayout Layout { get; }

    /// <summary>Whether the graph ends in a Softmax, so its outputs are probabilities rather than logits.</summary>
    public bool OutputsProbabilities { get; }

    /// <summary>Whether LRP can explain this model (else <see cref="Explain"/> says why not).</summary>
    public bool Explainable => _engine is not null;

    /// <summary>The execution provider relevance runs on ("none" when LRP cannot explain the model).</summary>
    public string Provider => _engine?.Provider ?? "none";

    /// <summary>Opens <paramref name="file"/> as a base model of <paramref name="config"/> and checks it fits the entry's grid and recipe.</summary>
    public static BaseModel Open(string file, ModelConfig config, RelevanceEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var entry = config.Entry;
        if (!System.IO.File.Exists(file)) throw new InvalidInputException($"{entry}: base model {file} does not exist");
        var bytes = System.IO.File.ReadAllBytes(file);
        var graph = OnnxModelReader.Parse(bytes, file).Graph;
        var probabilities = FinalOperator(graph) == "Softmax";
        var box = config.Recipe.Box;

        RelevanceEngine engine;
        try
        {
            engine = RelevanceEngine.FromBytes(bytes, file, options ?? new RelevanceEngineOptions { StripSoftmax = true });
        }
        catch (InvalidInputException unreadable)
        {
            var (session, layout) = ModelSessions.OpenAndDescribe(file, entry, "base model", s => CheckRecipe(VolumeTensorLayout.Detect(s, entry, file, 1, box), config, file));
            return new BaseModel(file, entry, layout, probabilities, Truncates(layout, config), null, session, unreadable.Message);
        }
        try
        {
            var layout = CheckRecipe(VolumeTensorLayout.Of(engine.Model, entry, file, 1, box), config, file);
            return new BaseModel(file, entry, layout, probabilities, Truncates(layout, config), engine, null, null);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>The model's raw output for a model-grid volume (x fastest, of the layout's shape).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public float[] Predict(ReadOnlySpan<float> volume, CancellationToken cancellationToken = default)
    {
        var tensor = Tensor(volume);
        if (_engine is not null) return _engine.Predict(tensor, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var stacked = Layout.ToVolume(tensor);
        using var results = _session!.Run([Layout.CreateInput([stacked])]);
        return results[0].AsTensor<float>().ToArray();
    }

    /// <summary>Relevance of the model's prediction for a model-grid volume, in volume order (x fastest).</summary>
    public (float[] Relevance, double Sum) Explain(ReadOnlySpan<float> volume, Composite composite, CancellationToken cancellationToken = default)
    {
        if (_engine is null)
            throw new InvalidInputException($"{Entry}: {Path.GetFileName(File)} predicts but cannot be explained by LRP: {_whyNotExplainable}");
        var result = _engine.Explain(Tensor(volume), composite, cancellationToken: cancellationToken);
        return (Layout.ToVolume(result.Relevance), result.RelevanceSum);
    }

    /// <summary>The input tensor; <c>normalisation = "raw"</c> into a uint8 input casts as numpy's astype after clipping (truncation).</summary>
    private float[] Tensor(ReadOnlySpan<float> volume)
    {
        var tensor = Layout.ToTensor(volume);
        if (_truncateToUInt8)
            for (var i = 0; i < tensor.Length; i++) tensor[i] = MathF.Floor(Math.Clamp(tensor[i], 0f, 255f));
        return tensor;
    }

    /// <summary>A uint8 input needs integers in [0, 255]: only the uint8 stretch and raw intensities give them.</summary>
    private static VolumeTensorLayout CheckRecipe(VolumeTensorLayout layout, ModelConfig config, string file)
    {
        var normalisation = config.Recipe.Normalisation;
        if (layout.IsUInt8 && !Normalisations.FeedsUInt8(normalisation))
            throw new InvalidInputException(
                $"{config.Entry}: {Path.GetFileName(file)} takes uint8 input; expected normalisation = \"raw\" (the intensities cast to uint8) or normalisation = \"uint8\" (each subject min-max stretched to 0-255), got \"{ModelOptionNames.Normalisation.NameOf(normalisation)}\"");
        return layout;
    }

    private static bool Truncates(VolumeTensorLayout layout, ModelConfig config) =>
        layout.IsUInt8 && config.Recipe.Normalisation == IntensityNormalisation.Raw;

    /// <summary>The operator that produces the graph's output, looking through Identity nodes.</summary>
    private static string? FinalOperator(GraphProto graph)
    {
        if (graph.Output.Count == 0) return null;
        var name = graph.Output[0].Name;
        for (var guard = 0; guard < graph.Node.Count; guard++)
        {
            var producer = graph.Node.LastOrDefault(n => n.Output.Contains(name));
            if (producer is null) return null;
            if (producer.OpType != "Identity") return producer.OpType;
            name = producer.Input[0];
        }
        return null;
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _session?.Dispose();
    }
}
