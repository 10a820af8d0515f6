using System.Globalization;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Artifacts;

namespace RelevanceRelated.Grains.Stages;

/// <summary>
/// <c>pvs</c>: perivascular-space segmentation of the ingested T1 through <see cref="PvsSegmentation"/> (as the
/// <c>pvs</c> verb runs it) — the Frangi filter by default, or the <c>[pvs_models.NAME]</c> ensemble the cohort
/// parameter <c>pvs_model</c> names — with <c>[params.pvs]</c> post-processing. The mask goes to the artifact store,
/// the cluster census into the result (with counts per aseg label when the subject's FreeSurfer directory holds
/// <c>mri/aseg.mgz</c>).
/// </summary>
public sealed class PvsStage(RelevanceRelatedConfig config, PipelineOptions options, ArtifactStore store, PvsSegmentation segmentation) : ISubjectStage
{
    /// <summary>Cohort parameter naming a <c>[pvs_models]</c> ensemble; <see cref="PvsMethod.FrangiName"/> (the default) selects the filter.</summary>
    public const string ModelParameter = CohortParameters.PvsModel;

    private const string Version = "pvs/2";

    public string Name => StageNames.Pvs;

    public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

    public bool UsesAccelerator => true;

    public string ConfigurationHash(CohortSettings settings)
    {
        var name = settings.Get(ModelParameter, PvsMethod.FrangiName);
        // An unknown name fails the stage when it runs; its hash only needs to differ from every valid one.
        var method = name == PvsMethod.FrangiName || !config.PvsModels.ContainsKey(name) ? PvsMethod.Frangi : PvsMethod.Ensemble(name);
        var post = segmentation.PostProcessing(method);
        string[] model = method.Model is { } m && config.PvsModels[m] is var c
            ? [.. c.Files, .. c.Channels, string.Join(",", c.Box), Num(c.ClipPercentile), ModelOptionNames.ClipScope.NameOf(c.ClipScope)]
            : [];
        return StageHash.Of([Version, name, Num(post.Threshold), post.Comparison.Symbol(), Num(post.ClusterSize),
            Num((int)post.Connectivity), Num(post.DilateBy), Num(post.BasalGangliaDilateMaskBy), .. model]);
    }

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var ingest = context.Result<IngestResult>(StageNames.Ingest);
        var method = PvsMethod.Parse(context.Settings.Get(ModelParameter, PvsMethod.FrangiName), config, $"cohort parameter {ModelParameter}");
        using var t1 = await StageVolumes.ReadAsync(store, ingest.Image(IngestResult.T1)!.Stored, cancellationToken);
        using var flair = ingest.Image(IngestResult.Flair) is { } f ? await StageVolumes.ReadAsync(store, f.Stored, cancellationToken) : null;
        using var aseg = StageVolumes.FreeSurferFile(options, context.Submission.Inputs.FreeSurferDirectory, "aseg.mgz") is { } asegPath
            ? VolumeFile.Read(asegPath)
            : null;

        using var result = segmentation.Run(t1, flair, method, new PvsSegmentation.Options { Labels = aseg }, cancellationToken);
        using var mask = result.OutputMask();
        var stored = await StageVolumes.StoreAsync(store, mask, VoxelType.UInt8, cancellationToken);
        using var clusters = BinaryMask.ToVolume(result.Masks.Clusters, result.Probability);
        var storedClusters = await StageVolumes.StoreAsync(store, clusters, VoxelType.UInt8, cancellationToken);
        var post = result.PostProcessing;
        var input = method.Model is { } model ? PvsModelInputs.FromChannels(config.PvsModels[model].Channels) : PvsModelInput.T1;
        return new PvsResult(method.ToString(), $"{post.Comparison.Symbol()} {Num(post.Threshold)}", result.Census,
            result.Masks.Output.Sum(v => (long)v), stored)
        {
            Clusters = storedClusters,
            ModelInput = input.Prefix(),
        };
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
