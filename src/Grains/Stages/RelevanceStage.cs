using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Grains.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>relevance</c>: LRP relevance of every sub-ensemble the <c>brainage</c> stage ran, with the composite the
/// cohort parameter <c>analyzer_type</c> names (default <c>[params].analyzer_type</c>), on the model-grid input
/// <c>brainage</c> stored (no second preprocessing or prediction): relevance per base model,
/// averaged and mapped back to the native grid, stored as <c>NAME.relevance</c> (float32 NIfTI); the per-base-model
/// sums go into the record. Its configuration hash covers the analyzer, so a rule change reruns only this stage and
/// the stages reading it.
/// </summary>
public sealed class RelevanceStage(RelevanceRelatedConfig config, ArtifactStore store, ModelRegistry models) : ISubjectStage
{
    /// <summary>Cohort parameter selecting the LRP composite.</summary>
    public const string AnalyzerParameter = "analyzer_type";

    private const string Version = "relevance/2";

    public string Name => StageNames.Relevance;

    public IReadOnlyList<string> DependsOn => [StageNames.BrainAge];

    public bool UsesAccelerator => true;

    public string Analyzer(CohortSettings settings) => settings.Get(AnalyzerParameter, config.Params.AnalyzerType);

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of([Version, Analyzer(settings), .. ModelDescription.Of(config.Models)]);

    public async Task<StageOutput> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var brainAge = context.Dependency(StageNames.BrainAge);
        var analyzer = Analyzer(context.Settings);
        var artifacts = ImmutableSortedDictionary.CreateBuilder<string, ArtifactReference>();
        var values = ImmutableSortedDictionary.CreateBuilder<string, double>();
        foreach (var name in config.Models.Keys.Order(StringComparer.Ordinal))
        {
            if (!brainAge.Values.ContainsKey($"{name}.prediction")) continue;
            using var run = await StoredRunAsync(name, brainAge, context.Submission.Covariates.Age, cancellationToken);
            var explainer = models.Explainer(name);
            // Explanations of several subjects run concurrently on one explainer (every call has its own buffers).
            using (var result = explainer.Explain(run, analyzer))
            {
                artifacts[$"{name}.relevance"] = await StageVolumes.StoreAsync(store, result.NativeMap, VoxelType.Float32, cancellationToken);
                for (var i = 0; i < result.BaseModelSums.Count; i++)
                    values[$"{name}.sum.base.{i.ToString(CultureInfo.InvariantCulture)}"] = result.BaseModelSums[i];
                values[$"{name}.sum"] = Sum(result.NativeMap.Frame(0));
            }
        }
        var facts = ImmutableSortedDictionary<string, string>.Empty.Add(AnalyzerParameter, analyzer);
        return new StageOutput(artifacts.ToImmutable(), values.ToImmutable(), facts);
    }

    /// <summary>The subject's run through a sub-ensemble as <c>brainage</c> recorded it: stored input, preprocessing record, predictions.</summary>
    private async Task<BrainAgeRun> StoredRunAsync(string name, StageRecord brainAge, double? age, CancellationToken cancellationToken)
    {
        var preprocess = brainAge.Artifacts[$"{name}.{BrainAgeStage.PreprocessArtifact}"];
        var record = PreprocessRecordJson.Read(
            System.Text.Encoding.UTF8.GetString(await store.ReadAllBytesAsync(preprocess, cancellationToken)), $"artifact {preprocess.RelativePath}");
        var baseModels = brainAge.Values.Keys.Count(k => k.StartsWith($"{name}.base.", StringComparison.Ordinal));
        var prediction = new BrainAgePrediction(name,
            [.. Enumerable.Range(0, baseModels).Select(i => brainAge.Values[$"{name}.base.{i.ToString(CultureInfo.InvariantCulture)}"])],
            brainAge.Values[$"{name}.prediction"], age);
        var input = await StageVolumes.ReadAsync(store, brainAge.Artifacts[$"{name}.{BrainAgeStage.InputArtifact}"], cancellationToken);
        return new BrainAgeRun(prediction, input, record);
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum;
    }
}
