using Microsoft.ML.OnnxRuntime;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A brain-age sub-ensemble (<c>[models.&lt;name&gt;]</c>): one ONNX Runtime session per base model, created once and
/// reused; each input layout (channels first or last, float32 or uint8) is read from the model and checked against
/// the configured grid. Predicts per base model, then the head: the mean, or intercept + Σ weightᵢ · predictionᵢ.
/// </summary>
public sealed class BrainAgeEnsemble : IDisposable
{
    private readonly List<(InferenceSession Session, VolumeTensorLayout Layout, string File)> _models = [];

    public ModelConfig Config { get; }

    private BrainAgeEnsemble(ModelConfig config) => Config = config;

    public IReadOnlyList<VolumeTensorLayout> Layouts => _models.Select(m => m.Layout).ToArray();

    public static BrainAgeEnsemble Load(ModelConfig config)
    {
        var entry = $"models.{config.Name}";
        if (config.Head == "linear" && (config.Weights is null || config.Weights.Count != config.Files.Count))
            throw new InvalidInputException($"{entry}: a linear head needs one weight per base-model file ({config.Files.Count})");
        var shape = BrainAgePreprocessor.ModelShape(config);
        var ensemble = new BrainAgeEnsemble(config);
        try
        {
            foreach (var file in config.Files)
            {
                var (session, layout) = ModelSessions.OpenAndDescribe(file, entry, "base model", s =>
                {
                    var detected = VolumeTensorLayout.Detect(s, entry, file, 1, shape);
                    if (detected.IsUInt8 && config.Normalisation != "uint8")
                        throw new InvalidInputException(
                            $"{entry}: {Path.GetFileName(file)} takes uint8 input; set normalisation = \"uint8\" (it is \"{config.Normalisation}\")");
                    return detected;
                });
                ensemble._models.Add((session, layout, file));
            }
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
        return ensemble;
    }

    /// <summary>Predictions for an already preprocessed input (the model's grid).</summary>
    public BrainAgePrediction Predict(Volume input, double? chronologicalAge = null)
    {
        var data = new[] { input.Frame(0).ToArray() };
        var ages = new double[_models.Count];
        for (var i = 0; i < _models.Count; i++)
        {
            var (session, layout, file) = _models[i];
            using var results = session.Run([layout.CreateInput(data)]);
            var output = results[0].AsTensor<float>().ToArray();
            ages[i] = BrainAgeOutputTransform.ToAge(output, Config, file);
        }
        var ensemble = Config.Head == "linear"
            ? Config.Intercept + ages.Select((a, i) => a * Config.Weights![i]).Sum()
            : ages.Average();
        return new BrainAgePrediction(Config.Name, ages, ensemble, chronologicalAge);
    }

    /// <summary>Preprocesses a native image for this ensemble and predicts; the result keeps the model-grid input and the record that maps model-grid maps back.</summary>
    public BrainAgeRun Run(Volume nativeImage, double? chronologicalAge = null)
    {
        var (box, record) = BrainAgePreprocessor.Run(nativeImage, Config);
        try
        {
            return new BrainAgeRun(Predict(box, chronologicalAge), box, record);
        }
        catch
        {
            box.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var (session, _, _) in _models) session.Dispose();
        _models.Clear();
    }
}
