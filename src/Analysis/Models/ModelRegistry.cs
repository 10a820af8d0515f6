using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Xai;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// The configured models by name: brain-age sub-ensembles (<c>[models.*]</c>) and PVS ensembles
/// (<c>[pvs_models.*]</c>). Each is loaded on first use and then shared, so ONNX Runtime sessions are created once
/// per process; a sub-ensemble's explainer works on the same base models as its predictions. Thread-safe.
/// </summary>
public sealed class ModelRegistry(RelevanceRelatedConfig config, RelevanceEngineOptions? engineOptions = null) : IDisposable
{
    private readonly Dictionary<string, Lazy<BrainAgeEnsemble>> _brainAge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<ShivaPvsEnsemble>> _pvs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrainAgeExplainer> _explainers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyCollection<string> BrainAgeModels => config.Models.Keys.ToArray();

    public IReadOnlyCollection<string> PvsModels => config.PvsModels.Keys.ToArray();

    public BrainAgeEnsemble BrainAge(string name)
    {
        if (!config.Models.TryGetValue(name, out var model))
            throw new InvalidInputException($"model '{name}' is not configured; expected one of [{string.Join(", ", config.Models.Keys)}] from [models.<name>]");
        lock (_gate)
        {
            if (!_brainAge.TryGetValue(name, out var lazy)) _brainAge[name] = lazy = new Lazy<BrainAgeEnsemble>(() => BrainAgeEnsemble.Load(model, engineOptions));
            return lazy.Value;
        }
    }

    /// <summary>Relevance for a brain-age sub-ensemble, on the base models <see cref="BrainAge"/> predicts with.</summary>
    public BrainAgeExplainer Explainer(string name)
    {
        var ensemble = BrainAge(name);
        lock (_gate)
        {
            if (!_explainers.TryGetValue(name, out var explainer)) _explainers[name] = explainer = new BrainAgeExplainer(ensemble);
            return explainer;
        }
    }

    public ShivaPvsEnsemble Pvs(string name)
    {
        if (!config.PvsModels.TryGetValue(name, out var model))
            throw new InvalidInputException($"PVS model '{name}' is not configured; expected one of [{string.Join(", ", config.PvsModels.Keys)}] from [pvs_models.<name>]");
        lock (_gate)
        {
            if (!_pvs.TryGetValue(name, out var lazy)) _pvs[name] = lazy = new Lazy<ShivaPvsEnsemble>(() => ShivaPvsEnsemble.Load(model));
            return lazy.Value;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var l in _brainAge.Values.Where(l => l.IsValueCreated)) l.Value.Dispose();
            foreach (var l in _pvs.Values.Where(l => l.IsValueCreated)) l.Value.Dispose();
            _explainers.Clear();
            _brainAge.Clear();
            _pvs.Clear();
        }
    }
}
