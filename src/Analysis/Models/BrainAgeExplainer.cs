using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Relevance for a brain-age sub-ensemble, on the same base models (and ONNX Runtime sessions) that predict:
/// relevance of each base model's prediction on the run's model-grid input with the analyzer (e.g.
/// <c>lrp.sequential_preset_a</c>), the mean over base models, written back into the subject's native grid.
/// Explanations may run concurrently.
/// </summary>
public sealed class BrainAgeExplainer : IDisposable
{
    private readonly BrainAgeEnsemble _ensemble;
    private readonly bool _ownsEnsemble;

    /// <summary>An explainer over <paramref name="ensemble"/>'s base models; the ensemble stays the caller's.</summary>
    public BrainAgeExplainer(BrainAgeEnsemble ensemble) : this(ensemble, ownsEnsemble: false)
    {
    }

    private BrainAgeExplainer(BrainAgeEnsemble ensemble, bool ownsEnsemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        _ensemble = ensemble;
        _ownsEnsemble = ownsEnsemble;
    }

    /// <summary>Opens the sub-ensemble for explanation alone (a <see cref="ModelRegistry"/> shares one with prediction instead).</summary>
    public static BrainAgeExplainer Load(ModelConfig config, RelevanceEngineOptions? options = null) =>
        new(BrainAgeEnsemble.Load(config, options), ownsEnsemble: true);

    public ModelConfig Config => _ensemble.Config;

    /// <summary>The sub-ensemble whose base models (and sessions) this explainer uses.</summary>
    public BrainAgeEnsemble Ensemble => _ensemble;

    /// <summary>The provider relevance runs on (e.g. CPU or CUDA).</summary>
    public string Provider => _ensemble.BaseModels.Count > 0 ? _ensemble.BaseModels[0].Provider : "none";

    /// <summary>Relevance per base model (sums) and the sub-ensemble's mean map in the native grid.</summary>
    /// <param name="cancellationToken">Stops between and inside the base models' explanations.</param>
    public SubEnsembleRelevanceResult Explain(BrainAgeRun run, string analyzerType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var composite = CompositeRegistry.Create(analyzerType);
        var input = run.Input;
        _ensemble.BaseModels[0].Layout.Check([input.Nx, input.Ny, input.Nz], input.Frames, "model-grid input", Config.Entry);
        var maps = new List<float[]>(_ensemble.BaseModels.Count);
        var sums = new List<double>(_ensemble.BaseModels.Count);
        foreach (var model in _ensemble.BaseModels)
        {
            var (relevance, sum) = model.Explain(input.Frame(0), composite, cancellationToken);
            sums.Add(sum);
            maps.Add(relevance);
        }
        return new SubEnsembleRelevanceResult(analyzerType, sums, SubEnsembleRelevance.MeanInNativeGrid(maps, run));
    }

    public void Dispose()
    {
        if (_ownsEnsemble) _ensemble.Dispose();
    }
}
