using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>features</c>: for every relevance map, <see cref="RelevanceFeatures"/> (as the <c>features</c> verb runs it) with
/// the subject's PVS mask, its lesion probability map when it has one (the lesion metrics only when the lesion load
/// reaches <c>[params.wml].min_voxels</c>, as the original left such subjects out), and, when the subject's FreeSurfer
/// directory holds <c>mri/aparc+aseg.mgz</c>, relevance per region (the full table stored as a TSV artifact, the sums
/// kept in the result). Together with the covariates and the PVS census this is the subject's row of its cohort.
/// </summary>
public sealed class FeaturesStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "features/3";

    public string Name => StageNames.Features;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest, StageNames.Pvs, StageNames.BrainAge, StageNames.Relevance];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(Version,
        config.Params.Wml.Threshold.ToString("R", CultureInfo.InvariantCulture), config.Params.Wml.MinVoxels.ToString(CultureInfo.InvariantCulture));

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var ingest = context.Result<IngestResult>(StageNames.Ingest);
        var pvs = context.Result<PvsResult>(StageNames.Pvs);
        var brainAge = context.Result<BrainAgeResult>(StageNames.BrainAge);
        var relevance = context.Result<RelevanceResult>(StageNames.Relevance);
        using var pvsMask = await StageVolumes.ReadAsync(store, pvs.Mask, cancellationToken);
        using var lesions = ingest.Image(IngestResult.LesionProbability) is { } l ? await StageVolumes.ReadAsync(store, l.Stored, cancellationToken) : null;
        using var aparc = StageVolumes.FreeSurferFile(options, context.Submission.Inputs.FreeSurferDirectory, "aparc+aseg.mgz") is { } aparcPath
            ? VolumeFile.Read(aparcPath)
            : null;
        var age = context.Submission.Covariates.Age ?? double.NaN;
        var models = ImmutableArray.CreateBuilder<ModelFeatures>();
        var tables = ImmutableSortedDictionary.CreateBuilder<string, ArtifactReference>(StringComparer.Ordinal);
        LesionLoad? load = null;
        foreach (var map in relevance.Models)
        {
            var prediction = brainAge.Model(map.Model)?.Prediction
                ?? throw new InvalidOperationException($"features: relevance of model '{map.Model}' without its brain-age prediction");
            using var relevanceMap = await StageVolumes.ReadAsync(store, map.Map, cancellationToken);
            var found = RelevanceFeatures.Compute(relevanceMap, $"{map.Model} relevance map",
                new RelevanceFeatures.Inputs(pvsMask, lesions, aparc, RegionSums.AparcAseg, ResampleLabels: true, age, prediction.Ensemble),
                config.Params.Wml);
            load = found.Lesions;
            if (found.Regions is { } regions)
                tables[map.Model] = await store.PutAsync(System.Text.Encoding.UTF8.GetBytes(regions.ToTsv()), ".tsv", cancellationToken);
            models.Add(new ModelFeatures(map.Model, prediction, map.MapSum, found.Pvs, found.Wml, found.Regions?.Sums()));
        }
        return new FeaturesResult(models.ToImmutable(), load, tables.ToImmutable());
    }
}
