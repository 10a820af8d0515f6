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
/// region as a TSV artifact <c>NAME.regions</c> (label, structure_name, sum, mean, min, max, n_voxels).
/// </summary>
public sealed class FeaturesStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store) : ISubjectStage
{
    private const string Version = "features/1";

    public string Name => StageNames.Features;

    public IReadOnlyList<string> DependsOn => [StageNames.Pvs, StageNames.BrainAge, StageNames.Relevance];

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of(Version);

    public async Task<StageOutput> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var pvs = context.Dependency(StageNames.Pvs);
        var brainAge = context.Dependency(StageNames.BrainAge);
        var relevance = context.Dependency(StageNames.Relevance);
        var artifacts = ImmutableSortedDictionary.CreateBuilder<string, ArtifactReference>();
        var values = ImmutableSortedDictionary.CreateBuilder<string, double>();
        using var pvsMask = await StageVolumes.ReadAsync(store, pvs.Artifacts["pvs_mask"], cancellationToken);
        var mask = ToBool(pvsMask.Frame(0));
        var aparcPath = StageVolumes.FreeSurferFile(options, context.Submission.Inputs.FreeSurferDirectory, "aparc+aseg.mgz");
        var age = context.Submission.Covariates.Age ?? double.NaN;
        foreach (var name in config.Models.Keys.Order(StringComparer.Ordinal))
        {
            if (!relevance.Artifacts.TryGetValue($"{name}.relevance", out var reference)) continue;
            using var map = await StageVolumes.ReadAsync(store, reference, cancellationToken);
            var metrics = MaskMetrics.Compute(map.Frame(0), mask, "pvs", age, brainAge.Values[$"{name}.prediction"]);
            var columns = MaskMetrics.ColumnNames("pvs");
            var numbers = metrics.Values();
            for (var i = 0; i < columns.Count; i++) values[$"{name}.pvs.{columns[i]}"] = numbers[i];

            if (aparcPath is null) continue;
            using var aparc = StageVolumes.OnGrid(aparcPath, map);
            var labels = RegionalRelevance.ToLabels(aparc.Frame(0), aparcPath);
            var regions = RegionalRelevance.Compute(map.Memory[..map.SpatialCount], labels);
            artifacts[$"{name}.regions"] = await StageVolumes.StoreTableAsync(store, Table(regions), cancellationToken);
            values[$"{name}.regions"] = regions.Count;
        }
        return new StageOutput(artifacts.ToImmutable(), values.ToImmutable(), ImmutableSortedDictionary<string, string>.Empty);
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
