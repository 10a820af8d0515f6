using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>brainage</c>: every configured <c>[models.NAME]</c> sub-ensemble whose sequence the subject has (T1 always,
/// FLAIR when ingested): the age each base model predicts, the ensemble's prediction and, with the subject's age
/// covariate, DBA = predicted − chronological age, as a <see cref="BrainAgeResult"/>; the preprocessed model-grid input
/// (float32 NIfTI) and its preprocessing record (JSON) go into the artifact store, so <c>relevance</c> explains
/// exactly this input without preprocessing and predicting again. A subject that brings a prepared input for a model
/// (ingest role <c>prepared:MODEL</c>) is predicted on it as it is; its affine and the native image's place maps back.
/// </summary>
public sealed class BrainAgeStage(RelevanceRelatedConfig config, ArtifactStore store, ModelRegistry models) : ISubjectStage
{
    /// <summary>Cohort parameter: comma-separated <c>[models.NAME]</c> names to run (default: every configured model).</summary>
    public const string ModelsParameter = CohortParameters.BrainAgeModels;

    private const string Version = "brainage/2";

    public string Name => StageNames.BrainAge;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

    public bool UsesAccelerator => true;

    public string ConfigurationHash(CohortSettings settings) =>
        StageHash.Of([Version, settings.Get(ModelsParameter, ""), .. ModelDescription.Of(config.Models)]);

    /// <summary>The models the cohort runs, in name order.</summary>
    /// <exception cref="RelevanceRelated.Analysis.InvalidInputException">The parameter names a model that is not configured.</exception>
    public IReadOnlyList<string> SelectedModels(CohortSettings settings)
    {
        var all = config.Models.Keys.Order(StringComparer.Ordinal).ToList();
        var chosen = settings.Get(ModelsParameter, "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (chosen.Length == 0) return all;
        if (chosen.FirstOrDefault(name => !config.Models.ContainsKey(name)) is { } unknown)
            throw new RelevanceRelated.Analysis.InvalidInputException(
                $"cohort parameter {ModelsParameter}: model '{unknown}' is not configured; expected names from [models.<name>]: {string.Join(", ", all)}");
        return [.. all.Where(chosen.Contains)];
    }

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (config.Models.Count == 0)
            throw new RelevanceRelated.Analysis.InvalidInputException("brainage: no brain-age model is configured; add a [models.<name>] section");
        var ingest = context.Result<IngestResult>(StageNames.Ingest);
        var age = context.Submission.Covariates.Age;
        var runs = ImmutableArray.CreateBuilder<BrainAgeModelRun>();
        var skipped = ImmutableArray.CreateBuilder<SkippedModel>();
        foreach (var name in SelectedModels(context.Settings))
        {
            var model = config.Models[name];
            if (ingest.Image(model.Sequence) is not { } image)
            {
                skipped.Add(new SkippedModel(name, $"the subject has no {model.Sequence} image"));
                continue;
            }
            using var native = await StageVolumes.ReadAsync(store, image.Stored, cancellationToken);
            var prepared = ingest.Image(IngestResult.Prepared(name));
            using var run = prepared is null ? models.BrainAge(name).Run(native, age, cancellationToken) : await RunPreparedAsync(name, prepared, native, age, cancellationToken);
            var input = await StageVolumes.StoreAsync(store, run.Input, VoxelType.Float32, cancellationToken);
            var record = await store.PutAsync(
                System.Text.Encoding.UTF8.GetBytes(PreprocessRecordJson.Write(run.Record)), ".json", cancellationToken);
            runs.Add(new BrainAgeModelRun(model.Sequence, ModelOptionNames.Head.NameOf(model.Head.Kind), run.Prediction, input, record, prepared is not null));
        }
        if (runs.Count == 0)
            throw new RelevanceRelated.Analysis.InvalidInputException(
                $"brainage: none of the configured models [{string.Join(", ", config.Models.Keys)}] takes a sequence the subject has");
        return new BrainAgeResult(runs.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>A prepared model-grid input (its recipe run elsewhere): predicted as it is, its maps placed on the native grid by the two affines.</summary>
    private async Task<BrainAgeRun> RunPreparedAsync(string name, IngestedImage prepared, Volume native, double? age, CancellationToken cancellationToken)
    {
        using var input = await StageVolumes.ReadAsync(store, prepared.Stored, cancellationToken);
        return models.BrainAge(name).RunPrepared(input, AffineGridMapping.Of(native), age, cancellationToken);
    }
}
