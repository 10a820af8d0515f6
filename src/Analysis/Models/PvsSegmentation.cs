using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// The PVS step, one way for every caller (the <c>pvs</c> verb and the pvs stage): a probability (or vesselness) map
/// from the chosen <see cref="PvsMethod"/>, the <c>[params.pvs]</c> post-processing (threshold, the basal-ganglia
/// restriction when a mask is given, the cluster filter, dilation or border), and the cluster census, counted per
/// region when a label volume is given. Masks and labels on another grid are resampled nearest-neighbour onto the T1's.
/// </summary>
public sealed class PvsSegmentation(ModelRegistry models, PvsParams parameters)
{
    /// <summary>What a caller may change for one run; null fields keep the configuration.</summary>
    public sealed record Options
    {
        /// <summary>Overrides the configured threshold (or, for Frangi, <c>frangi_threshold</c>).</summary>
        public double? Threshold { get; init; }

        /// <summary>Output only the border the dilation adds (dilation of at least one voxel).</summary>
        public bool BorderOnly { get; init; }

        /// <summary>Restrict the clusters to this mask, dilated by <c>[params.pvs.basal_ganglia] dilate_mask_by</c>.</summary>
        public Volume? BasalGanglia { get; init; }

        /// <summary>Count clusters per label of this volume (e.g. aseg).</summary>
        public Volume? Labels { get; init; }

        /// <summary>Frangi: the region searched (non-zero voxels); default the T1's non-zero voxels eroded by 3.</summary>
        public Volume? FrangiMask { get; init; }

        public VesselPolarity Polarity { get; init; } = VesselPolarity.Dark;
    }

    /// <summary>The post-processing a run with <paramref name="method"/> and <paramref name="options"/> applies.</summary>
    public PvsPostProcessingOptions PostProcessing(PvsMethod method, Options? options = null)
    {
        var post = PvsPostProcessingOptions.FromConfig(parameters, frangi: method.IsFrangi);
        if (options?.Threshold is { } t) post = post with { Threshold = t };
        if (options?.BorderOnly == true) post = post with { BorderOnly = true, DilateBy = Math.Max(1, post.DilateBy) };
        return post;
    }

    /// <param name="flair">The FLAIR on the T1's grid, for two-channel ensembles.</param>
    /// <param name="cancellationToken">Stops the Frangi filter between scales (an ensemble's prediction runs to its end).</param>
    public PvsSegmentationResult Run(Volume t1, Volume? flair, PvsMethod method, Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Options();
        var post = PostProcessing(method, options);
        var probability = method.Model is { } model
            ? models.Pvs(model).Predict(t1, flair)
            : FrangiFilter.Apply(t1, new FrangiOptions { Polarity = options.Polarity },
                options.FrangiMask is { } m ? OnGrid(m, t1, BinaryMask.NonZero) : FrangiRegion.ErodedBrain(t1), cancellationToken);
        try
        {
            var basalGanglia = options.BasalGanglia is { } bg ? LabelsOnGrid(bg, probability) : null;
            PvsMasks masks;
            using (basalGanglia) masks = PvsPostProcessing.Apply(probability, post, basalGanglia);
            using var labels = options.Labels is { } l ? LabelsOnGrid(l, probability) : null;
            var census = PvsCensus.Of(masks.Clusters, probability, post.Connectivity, labels);
            return new PvsSegmentationResult(method, post, probability, masks, census);
        }
        catch
        {
            probability.Dispose();
            throw;
        }
    }

    /// <summary>A copy of a label or mask volume on <paramref name="grid"/>'s grid (nearest-neighbour when the grids differ).</summary>
    private static Volume LabelsOnGrid(Volume labels, Volume grid) =>
        VoxelGrid.Same(labels, grid) ? labels.Clone() : Resampler.ResampleLike(labels, grid, Interpolation.Nearest);

    private static byte[] OnGrid(Volume mask, Volume grid, Func<ReadOnlySpan<float>, byte[]> toMask)
    {
        using var onGrid = LabelsOnGrid(mask, grid);
        return toMask(onGrid.Frame(0));
    }
}

/// <summary>
/// One PVS segmentation: the method and post-processing it ran with, the probability (or vesselness) map on the T1's
/// grid, the masks (clusters and the written output) and their census. Owns the probability volume.
/// </summary>
public sealed record PvsSegmentationResult(PvsMethod Method, PvsPostProcessingOptions PostProcessing, Volume Probability, PvsMasks Masks, PvsCensus Census)
    : IDisposable
{
    /// <summary>The output mask (clusters, dilated or border) as a uint8-ready volume on the probability map's grid.</summary>
    public Volume OutputMask() => BinaryMask.ToVolume(Masks.Output, Probability);

    public void Dispose() => Probability.Dispose();
}
