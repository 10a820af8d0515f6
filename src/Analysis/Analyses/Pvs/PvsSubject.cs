using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>
/// One subject's rows of the PVS tables (the original's run_pvs_stats per subject). For each configuration: the PVS
/// mask of its model (probability ≥ <c>[params.pvs].threshold</c>, clusters under <c>cluster_size</c> voxels removed,
/// 6-connected), dilated <c>dilate_by</c> times with the 6-connected cross (T1 relevance), or only the ring the
/// dilation adds; then, with the basal-ganglia mask (probability ≥ 0.05, dilated <c>dilate_mask_by</c> times), both the
/// relevance map and the PVS mask are multiplied by that mask; finally the 13 metrics of <see cref="MaskMetrics"/>.
/// Dilated masks and basal-ganglia masks are computed once per subject and shared by the configurations.
/// </summary>
public static class PvsSubject
{
    /// <summary>nilearn's binarize_img(threshold = 0.05) on the warped atlas: values at or above it are inside.</summary>
    public const float BasalGangliaThreshold = 0.05f;

    public static IReadOnlyList<PvsRow> Rows(string subject, IReadOnlyList<PvsConfiguration> configurations, PvsSubjectMaps maps)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InvalidInputException("PVS: a subject identifier is required.");
        var voxels = maps.Shape.X * maps.Shape.Y * maps.Shape.Z;
        foreach (var (model, clusters) in maps.Clusters)
            if (clusters.Length != voxels)
                throw new InvalidInputException($"PVS ({subject}): the {model.Prefix()} PVS mask has {clusters.Length} voxels; the grid {maps.Shape} has {voxels}.");
        foreach (var (sequence, relevance) in maps.Relevance)
            if (relevance.Length != voxels)
                throw new InvalidInputException($"PVS ({subject}): the {sequence.Name()} relevance map has {relevance.Length} voxels; the grid {maps.Shape} has {voxels}.");
        if (maps.BasalGanglia is { Length: > 0 } bg && bg.Length != voxels)
            throw new InvalidInputException($"PVS ({subject}): the basal-ganglia map has {bg.Length} voxels; the grid {maps.Shape} has {voxels}.");

        var pvsMasks = new Dictionary<(PvsModelInput, int, bool), byte[]>();
        var regions = new Dictionary<int, byte[]>();
        var rows = new List<PvsRow>(configurations.Count);
        foreach (var configuration in configurations)
        {
            if (!maps.Clusters.TryGetValue(configuration.Model, out var clusters)) continue;
            if (!maps.Relevance.TryGetValue(configuration.Sequence, out var relevance)) continue;
            byte[] region = [];
            if (configuration.BasalGangliaDilateMaskBy is { } dilateMaskBy)
            {
                if (maps.BasalGanglia is not { Length: > 0 } basalGanglia) continue;
                if (!regions.TryGetValue(dilateMaskBy, out region!))
                    regions[dilateMaskBy] = region = BasalGangliaMask(basalGanglia.Span, maps.Shape, dilateMaskBy);
            }
            var key = (configuration.Model, configuration.DilateBy, configuration.OnlyBorder);
            if (!pvsMasks.TryGetValue(key, out var mask))
                pvsMasks[key] = mask = configuration.DilateBy == 0 ? clusters
                    : configuration.OnlyBorder ? Morphology.Border(clusters, maps.Shape, configuration.DilateBy)
                    : Morphology.Dilate(clusters, maps.Shape, configuration.DilateBy);
            var brainAge = maps.BrainAge.TryGetValue(configuration.Sequence, out var b) ? b : double.NaN;
            var metrics = MaskMetrics.Compute(relevance, mask, region, MaskFeature.Pvs, maps.Age, brainAge);
            rows.Add(new PvsRow(configuration, new MaskMetricsRow(subject, metrics)));
        }
        return rows;
    }

    /// <summary>
    /// The undilated PVS mask of a probability map: threshold (<c>[params.pvs].threshold</c> and its comparison) and the
    /// cluster filter (<c>cluster_size</c>, <c>connectivity</c>), as the original's nilearn threshold_img with
    /// cluster_threshold; no dilation and no basal-ganglia restriction (the analysis applies those itself, after the filter).
    /// </summary>
    public static byte[] Clusters(Volume probability, PvsParams parameters)
    {
        var options = PvsPostProcessingOptions.FromConfig(parameters) with { DilateBy = 0, BorderOnly = false };
        return PvsPostProcessing.Apply(probability, options).Clusters;
    }

    /// <summary>The basal-ganglia mask: probability ≥ 0.05 (in single precision), dilated <paramref name="dilateBy"/> times.</summary>
    public static byte[] BasalGangliaMask(ReadOnlySpan<float> probability, (int X, int Y, int Z) shape, int dilateBy)
    {
        var mask = new byte[probability.Length];
        for (var i = 0; i < probability.Length; i++) mask[i] = probability[i] >= BasalGangliaThreshold ? (byte)1 : (byte)0;
        return dilateBy > 0 ? Morphology.Dilate(mask, shape, dilateBy) : mask;
    }
}
