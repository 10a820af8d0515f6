using System.Collections.Immutable;
using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Grains.Artifacts;
using RelevanceRelated.Grains.Cohorts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>pvs</c>: perivascular-space segmentation of the ingested T1 — the Frangi filter inside the eroded brain by
/// default, or the <c>[pvs_models.NAME]</c> ensemble the cohort parameter <c>pvs_model</c> names — then
/// <c>[params.pvs]</c> post-processing. The mask goes to the artifact store, the cluster census into the record
/// (with counts per aseg label when the subject's FreeSurfer directory holds <c>mri/aseg.mgz</c>).
/// </summary>
public sealed class PvsStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store, ModelRegistry models) : ISubjectStage
{
    /// <summary>Cohort parameter naming a <c>[pvs_models]</c> ensemble; <see cref="Frangi"/> (the default) selects the filter.</summary>
    public const string ModelParameter = "pvs_model";

    public const string Frangi = "frangi";

    private const string Version = "pvs/1";

    public string Name => StageNames.Pvs;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

    public bool UsesAccelerator => true;

    public string ConfigurationHash(CohortSettings settings)
    {
        var method = settings.Get(ModelParameter, Frangi);
        var post = PostProcessing(method);
        string[] model = method == Frangi || !config.PvsModels.TryGetValue(method, out var m)
            ? []
            : [.. m.Files, .. m.Channels, string.Join(",", m.Box), Num(m.ClipPercentile), ModelOptionNames.ClipScope.NameOf(m.ClipScope)];
        return StageHash.Of([Version, method, Num(post.Threshold), post.Comparison.Symbol(), Num(post.ClusterSize),
            Num((int)post.Connectivity), Num(post.DilateBy), Num(post.BasalGangliaDilateMaskBy), .. model]);
    }

    public async Task<StageOutput> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var ingest = context.Dependency(StageNames.Ingest);
        var method = context.Settings.Get(ModelParameter, Frangi);
        if (method != Frangi && !config.PvsModels.ContainsKey(method))
            throw new RelevanceRelated.Analysis.InvalidInputException(
                $"cohort parameter {ModelParameter} = '{method}' is neither '{Frangi}' nor one of [{string.Join(", ", config.PvsModels.Keys)}] from [pvs_models.<name>]");
        var post = PostProcessing(method);
        using var t1 = await StageVolumes.ReadAsync(store, ingest.Artifacts["t1"], cancellationToken);
        using var flair = ingest.Artifacts.TryGetValue("flair", out var f) ? await StageVolumes.ReadAsync(store, f, cancellationToken) : null;

        using var probability = method == Frangi
            ? FrangiFilter.Apply(t1, new FrangiOptions { Polarity = VesselPolarity.Dark }, FrangiRegion.ErodedBrain(t1))
            : models.Pvs(method).Predict(t1, flair);
        var masks = PvsPostProcessing.Apply(probability, post);
        using var aseg = StageVolumes.FreeSurferFile(options, context.Submission.Inputs.FreeSurferDirectory, "aseg.mgz") is { } asegPath
            ? StageVolumes.OnGrid(asegPath, probability)
            : null;
        var census = PvsCensus.Of(masks.Clusters, probability, post.Connectivity, aseg);

        using var maskVolume = BinaryMask.ToVolume(masks.Output, probability);
        var artifacts = ImmutableSortedDictionary<string, ArtifactReference>.Empty
            .Add("pvs_mask", await StageVolumes.StoreAsync(store, maskVolume, VoxelType.UInt8, cancellationToken));
        var values = ImmutableSortedDictionary.CreateBuilder<string, double>();
        values["clusters"] = census.ClusterCount;
        values["total_volume_mm3"] = census.TotalVolumeMm3;
        values["mean_volume_mm3"] = census.MeanVolumeMm3;
        values["median_volume_mm3"] = census.MedianVolumeMm3;
        values["max_volume_mm3"] = census.MaxVolumeMm3;
        values["mask_voxels"] = masks.Output.Sum(v => (long)v);
        foreach (var (label, count) in census.CountsByLabel ?? new Dictionary<int, int>())
            values[$"clusters.label.{label.ToString(CultureInfo.InvariantCulture)}"] = count;
        var facts = ImmutableSortedDictionary<string, string>.Empty
            .Add("method", method == Frangi ? Frangi : $"onnx:{method}")
            .Add("threshold", $"{post.Comparison.Symbol()} {Num(post.Threshold)}");
        return new StageOutput(artifacts, values.ToImmutable(), facts);
    }

    private PvsPostProcessingOptions PostProcessing(string method) =>
        PvsPostProcessingOptions.FromConfig(config.Params.Pvs, frangi: method == Frangi);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
