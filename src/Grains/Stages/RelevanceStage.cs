using System.Collections.Immutable;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>relevance</c>: LRP relevance of every sub-ensemble the <c>brainage</c> stage ran, with the composite the
/// cohort parameter <c>analyzer_type</c> names (default <c>[params].analyzer_type</c>), on the model-grid input
/// <c>brainage</c> stored (no second preprocessing or prediction): relevance per base model, averaged and mapped back
/// to the native grid by the sub-ensemble's explainer (as <c>brainage --relevance-out</c> does), stored as float32
/// NIfTI. Its configuration hash covers the analyzer, so a rule change reruns only this stage and the stages reading it.
/// </summary>
public sealed class RelevanceStage(RelevanceRelatedConfig config, ArtifactStore store, ModelRegistry models) : ISubjectStage
{
    /// <summary>Cohort parameter selecting the LRP composite.</summary>
    public const string AnalyzerParameter = CohortParameters.AnalyzerType;

    private const string Version = "relevance/2";

    public string Name => StageNames.Relevance;

    public IReadOnlyList<string> DependsOn => [StageNames.BrainAge];

    public bool UsesAccelerator => true;

    public string Analyzer(CohortSettings settings) => settings.Get(AnalyzerParameter, config.Params.AnalyzerType);

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of([Version, Analyzer(settings), .. ModelDescription.Of(config.Models)]);

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var brainAge = context.Result<BrainAgeResult>(StageNames.BrainAge);
        var analyzer = Analyzer(context.Settings);
        var maps = ImmutableArray.CreateBuilder<ModelRelevance>();
        foreach (var run in brainAge.Models.OrderBy(m => m.Prediction.Model, StringComparer.Ordinal))
        {
            var name = run.Prediction.Model;
            using var stored = await StoredRunAsync(run, cancellationToken);
            // Explanations of several subjects run concurrently on one explainer (every call has its own buffers).
            using var result = models.Explainer(name).Explain(stored, analyzer, cancellationToken);
            var map = await StageVolumes.StoreAsync(store, result.NativeMap, VoxelType.Float32, cancellationToken);
            maps.Add(new ModelRelevance(name, [.. result.BaseModelSums], Sum(result.NativeMap.Frame(0)), map));
        }
        return new RelevanceResult(analyzer, maps.ToImmutable());
    }

    /// <summary>The subject's run through a sub-ensemble as <c>brainage</c> recorded it: stored input, preprocessing record, predictions.</summary>
    private async Task<BrainAgeRun> StoredRunAsync(BrainAgeModelRun run, CancellationToken cancellationToken)
    {
        var record = PreprocessRecordJson.ReadMapping(
            System.Text.Encoding.UTF8.GetString(await store.ReadAllBytesAsync(run.Preprocess, cancellationToken)), $"artifact {run.Preprocess.RelativePath}");
        var input = await StageVolumes.ReadAsync(store, run.Input, cancellationToken);
        return new BrainAgeRun(run.Prediction, input, record);
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum;
    }
}
