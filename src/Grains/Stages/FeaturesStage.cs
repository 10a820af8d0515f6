using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Grains.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>features</c>: for every relevance map, the PVS mask metrics (the original's columns, stored as
/// <c>NAME.pvs.COLUMN</c>) and, when the subject's FreeSurfer directory holds <c>mri/aparc+aseg.mgz</c>, relevance per
/// region as a TSV artifact <c>NAME.regions</c> (label, structure_name, sum, mean, min, max, n_voxels). With a lesion
/// probability map, the white-matter-lesion mask (probability ≥ <c>[params.wml].threshold</c>) gets the same metrics
/// as <c>NAME.wml.COLUMN</c>, unless it has fewer than <c>[params.wml].min_voxels</c> voxels: the original left such
/// subjects out of the lesion analyses, so only <c>wml.lesion_voxels</c> and the reason are recorded.
/// </summary>
public sealed class FeaturesStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "features/2";

    public string Name => StageNames.Features;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest, StageNames.Pvs, StageNames.BrainAge, StageNames.Relevance];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(Version,
        config.Params.Wml.Threshold.ToString("R", CultureInfo.InvariantCulture), config.Params.Wml.MinVoxels.ToString(CultureInfo.InvariantCulture));

    public async Task<StageOutput> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var ingest = context.Dependency(StageNames.Ingest);
        var pvs = context.Dependency(StageNames.Pvs);
        var brainAge = context.Dependency(StageNames.BrainAge);
        var relevance = context.Dependency(StageNames.Relevance);
        var artifacts = ImmutableSortedDictionary.CreateBuilder<string, ArtifactReference>();
        var values = ImmutableSortedDictionary.CreateBuilder<string, double>();
        var facts = ImmutableSortedDictionary.CreateBuilder<string, string>();
        var lesions = await LesionMaskAsync(ingest, values, facts, cancellationToken);
        using var pvsMask = await StageVolumes.ReadAsync(store, pvs.Artifacts["pvs_mask"], cancellationToken);
        var mask = ToBool(pvsMask.Frame(0));
        var aparcPath = StageVolumes.FreeSurferFile(options, context.Submission.Inputs.FreeSurferDirectory, "aparc+aseg.mgz");
        var age = context.Submission.Covariates.Age ?? double.NaN;
        foreach (var name in config.Models.Keys.Order(StringComparer.Ordinal))
        {
            if (!relevance.Artifacts.TryGetValue($"{name}.relevance", out var reference)) continue;
            using var map = await StageVolumes.ReadAsync(store, reference, cancellationToken);
            var metrics = MaskMetrics.Compute(map.Frame(0), mask, MaskFeature.Pvs, age, brainAge.Values[$"{name}.prediction"]);
            var columns = MaskMetrics.ColumnNames(MaskFeature.Pvs);
            var numbers = metrics.Values();
            for (var i = 0; i < columns.Count; i++) values[$"{name}.pvs.{columns[i]}"] = numbers[i];
            if (lesions is not null)
            {
                var wml = MaskMetrics.Compute(map.Frame(0), lesions, MaskFeature.Wml, age, brainAge.Values[$"{name}.prediction"]);
                var wmlColumns = MaskMetrics.ColumnNames(MaskFeature.Wml);
                var wmlNumbers = wml.Values();
                for (var i = 0; i < wmlColumns.Count; i++) values[$"{name}.wml.{wmlColumns[i]}"] = wmlNumbers[i];
            }

            if (aparcPath is null) continue;
            using var aparc = StageVolumes.OnGrid(aparcPath, map);
            var labels = RegionalRelevance.ToLabels(aparc.Frame(0), aparcPath);
            var regions = RegionalRelevance.Compute(map.Memory[..map.SpatialCount], labels);
            artifacts[$"{name}.regions"] = await StageVolumes.StoreTableAsync(store, Table(regions), cancellationToken);
            values[$"{name}.regions"] = regions.Count;
        }
        return new StageOutput(artifacts.ToImmutable(), values.ToImmutable(), facts.ToImmutable());
    }

    /// <summary>The lesion mask when the subject has a lesion map with enough lesion voxels; null otherwise (the reason goes into the facts).</summary>
    private async Task<bool[]?> LesionMaskAsync(StageRecord ingest, ImmutableSortedDictionary<string, double>.Builder values,
        ImmutableSortedDictionary<string, string>.Builder facts, CancellationToken cancellationToken)
    {
        if (!ingest.Artifacts.TryGetValue("lesion_probability", out var reference)) return null;
        using var probability = await StageVolumes.ReadAsync(store, reference, cancellationToken);
        var wml = config.Params.Wml;
        var mask = LesionMask.FromProbability(probability.Frame(0), wml.Threshold);
        var count = mask.Count(inside => inside);
        values["wml.lesion_voxels"] = count;
        if (count >= wml.MinVoxels) return mask;
        facts["wml.excluded"] = $"{count} lesion voxels (probability >= {wml.Threshold.ToString("R", CultureInfo.InvariantCulture)}) < [params.wml].min_voxels = {wml.MinVoxels}";
        return null;
    }

    private static bool[] ToBool(ReadOnlySpan<float> values)
    {
        var mask = new bool[values.Length];
        for (var i = 0; i < values.Length; i++) mask[i] = values[i] != 0;
        return mask;
    }

    private static string Table(IReadOnlyList<RegionRelevance> regions)
    {
        var text = new StringBuilder();
        text.AppendJoin('\t', RegionRelevance.ColumnNames).Append('\n');
        foreach (var r in regions)
            text.Append(CultureInfo.InvariantCulture, $"{r.Label}\t{r.Name}\t{r.SumRelevance:R}\t{r.MeanRelevance:R}\t{r.MinRelevance:R}\t{r.MaxRelevance:R}\t{r.NVoxels}\n");
        return text.ToString();
    }
}
