using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// A brain-age sub-ensemble (<c>[models.&lt;name&gt;]</c>): its base models, each opened once (<see cref="BaseModel"/>:
/// one ONNX Runtime session serves prediction and relevance) and checked against the entry's grid and recipe.
/// Preprocesses with the entry's recipe, predicts per base model (raw output → age by the output transform), then
/// the head: the mean, or intercept + Σ weightᵢ · ageᵢ.
/// </summary>
public sealed class BrainAgeEnsemble : IDisposable
{
    private readonly List<BaseModel> _models = [];

    public ModelConfig Config { get; }

    private BrainAgeEnsemble(ModelConfig config) => Config = config;

    public IReadOnlyList<BaseModel> BaseModels => _models;

    public IReadOnlyList<VolumeTensorLayout> Layouts => _models.Select(m => m.Layout).ToArray();

    /// <summary>Opens every base model of <paramref name="config"/>; refuses (naming entry, file and expectation) a file that does not fit the recipe.</summary>
    public static BrainAgeEnsemble Load(ModelConfig config, RelevanceEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Head.Kind == HeadKind.Linear && (config.Head.Weights is null || config.Head.Weights.Count != config.Files.Count))
            throw new InvalidInputException($"{config.Entry}: a linear head needs one weight per base-model file ({config.Files.Count})");
        var ensemble = new BrainAgeEnsemble(config);
        try
        {
            foreach (var file in config.Files) ensemble._models.Add(BaseModel.Open(file, config, options));
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
        return ensemble;
    }

    /// <summary>Predictions for an input already in the model's grid (the recipe's output).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked inside and between the base models).</exception>
    public BrainAgePrediction Predict(Volume input, double? chronologicalAge = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var layout = _models[0].Layout;
        layout.Check([input.Nx, input.Ny, input.Nz], input.Frames, "model-grid input", Config.Entry);
        var volume = input.Frame(0);
        var ages = new double[_models.Count];
        for (var i = 0; i < _models.Count; i++)
        {
            var model = _models[i];
            ages[i] = BrainAgeOutputTransform.ToAge(model.Predict(volume, cancellationToken), Config, model.File, model.OutputsProbabilities);
        }
        var head = Config.Head;
        var ensemble = head.Kind == HeadKind.Linear
            ? head.Intercept + ages.Select((a, i) => a * head.Weights![i]).Sum()
            : ages.Average();
        return new BrainAgePrediction(Config.Name, ages, ensemble, chronologicalAge);
    }

    /// <summary>Preprocesses a native image with the entry's recipe and predicts; the result keeps the model-grid input and the record that maps model-grid maps back.</summary>
    public BrainAgeRun Run(Volume nativeImage, double? chronologicalAge = null, CancellationToken cancellationToken = default)
    {
        var (box, record) = BrainAgePreprocessor.Run(nativeImage, Config);
        try
        {
            return new BrainAgeRun(Predict(box, chronologicalAge, cancellationToken), box, record);
        }
        catch
        {
            box.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Predicts from an input already in the model's grid (the recipe run elsewhere); <paramref name="mapping"/> says
    /// how its maps go back to the native grid (a <see cref="PreprocessRecord"/>, or an <see cref="AffineGridMapping"/>
    /// of the native image when only the input's affine is known). The run owns a copy of the input.
    /// </summary>
    public BrainAgeRun RunPrepared(Volume modelGridInput, INativeGridMapping mapping, double? chronologicalAge = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelGridInput);
        ArgumentNullException.ThrowIfNull(mapping);
        var input = modelGridInput.Clone();
        try
        {
            return new BrainAgeRun(Predict(input, chronologicalAge, cancellationToken), input, mapping);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var model in _models) model.Dispose();
        _models.Clear();
    }
}
