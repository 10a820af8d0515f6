using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// Relevance for a brain-age sub-ensemble: one LRP engine per base model (loaded once, its compiled relevance
/// graphs cached per composite), relevance of each base model's prediction on the preprocessed input with the
/// configured analyzer (e.g. <c>lrp.sequential_preset_a</c>), the mean over base models, written back into the
/// subject's native grid.
/// </summary>
public sealed class BrainAgeExplainer : IDisposable
{
    private readonly List<(RelevanceEngine Engine, string File)> _engines = [];

    public ModelConfig Config { get; }

    private BrainAgeExplainer(ModelConfig config) => Config = config;

    public static BrainAgeExplainer Load(ModelConfig config, RelevanceEngineOptions? options = null)
    {
        var explainer = new BrainAgeExplainer(config);
        try
        {
            foreach (var file in config.Files)
            {
                if (!File.Exists(file)) throw new InvalidInputException($"models.{config.Name}: base model {file} does not exist");
                explainer._engines.Add((RelevanceEngine.Load(file, options), file));
            }
        }
        catch
        {
            explainer.Dispose();
            throw;
        }
        return explainer;
    }

    /// <summary>The provider the engines run on (e.g. CPU or CUDA).</summary>
    public string Provider => _engines.Count > 0 ? _engines[0].Engine.Provider : "none";

    /// <summary>Relevance per base model (sums) and the sub-ensemble's mean map in the native grid.</summary>
    public SubEnsembleRelevanceResult Explain(BrainAgeRun run, string analyzerType)
    {
        var composite = CompositeRegistry.Create(analyzerType);
        var input = run.Input;
        int[] shape = [input.Nx, input.Ny, input.Nz];
        var maps = new List<float[]>(_engines.Count);
        var sums = new List<double>(_engines.Count);
        foreach (var (engine, file) in _engines)
        {
            var tensor = VolumeTensorLayout.ToModelInput(input.Frame(0), shape, 1, engine.Model, Path.GetFileName(file));
            var result = engine.Explain(tensor, composite);
            sums.Add(result.RelevanceSum);
            maps.Add(VolumeTensorLayout.ToVolume(result.Relevance, engine.Model));
        }
        return new SubEnsembleRelevanceResult(analyzerType, sums, SubEnsembleRelevance.MeanInNativeGrid(maps, run));
    }

    public void Dispose()
    {
        foreach (var (engine, _) in _engines) engine.Dispose();
        _engines.Clear();
    }
}
