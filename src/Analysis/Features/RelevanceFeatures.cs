using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// The features step, one way for every caller (the <c>features</c> verb and the features stage): one relevance map
/// related to what the subject has — the PVS mask (the original's 13 mask metrics), the lesion probability map
/// (above <c>[params.wml].threshold</c>; the metrics of every subject with a lesion map, as the original's WMlesion.csv,
/// and its <see cref="LesionLoad"/>, which says whether the statistics keep it: more than <c>min_voxels</c> lesion voxels), and a label volume (relevance per region). Masks and labels must be on the
/// relevance map's grid, or are resampled nearest-neighbour onto it when <see cref="Inputs.ResampleLabels"/> says so.
/// </summary>
public static class RelevanceFeatures
{
    /// <param name="PvsMask">A PVS mask (non-zero inside).</param>
    /// <param name="LesionProbability">A white-matter-lesion probability map.</param>
    /// <param name="Labels">A label volume (aparc+aseg, aseg, an atlas) named <paramref name="Atlas"/>.</param>
    /// <param name="ResampleLabels">Put labels on another grid onto the relevance grid (nearest) instead of refusing them.</param>
    /// <param name="LabelNames">The labels' names (an atlas's table); FreeSurfer's when null.</param>
    public sealed record Inputs(
        Volume? PvsMask = null,
        Volume? LesionProbability = null,
        Volume? Labels = null,
        string Atlas = RegionSums.AparcAseg,
        bool ResampleLabels = true,
        double Age = double.NaN,
        double BrainAge = double.NaN,
        FreeSurfer.FreeSurferColorLut? LabelNames = null);

    /// <summary>What the step found; each part is null when its input was not given.</summary>
    public sealed record Result(MaskMetrics? Pvs, LesionLoad? Lesions, MaskMetrics? Wml, RegionalRelevanceTable? Regions);

    /// <param name="relevanceName">Names the map in errors (a file path or an artifact role).</param>
    public static Result Compute(Volume relevance, string relevanceName, Inputs inputs, WmlParams wml)
    {
        if (relevance.Frames != 1) throw new InvalidInputException($"{relevanceName}: a relevance map is 3-D; this image has {relevance.Frames} frames.");
        var map = relevance.Frame(0);
        MaskMetrics? pvs = null;
        if (inputs.PvsMask is { } pvsMask)
        {
            VoxelGrid.RequireSame(relevance, relevanceName, pvsMask, "the PVS mask", "segment PVS on the relevance map's grid");
            pvs = MaskMetrics.Compute(map, LesionMask.FromNonZero(pvsMask.Frame(0)), MaskFeature.Pvs, inputs.Age, inputs.BrainAge);
        }
        LesionLoad? load = null;
        MaskMetrics? lesions = null;
        if (inputs.LesionProbability is { } probability)
        {
            VoxelGrid.RequireSame(relevance, relevanceName, probability, "the lesion probability map", "bring it to the T1's grid first");
            var mask = LesionMask.FromProbability(probability.Frame(0), wml.Threshold);
            load = new LesionLoad(mask.LongCount(inside => inside), wml.Threshold, wml.MinVoxels);
            lesions = MaskMetrics.Compute(map, mask, MaskFeature.Wml, inputs.Age, inputs.BrainAge);
        }
        RegionalRelevanceTable? regions = null;
        if (inputs.Labels is { } labelVolume)
        {
            if (!inputs.ResampleLabels)
                VoxelGrid.RequireSame(relevance, relevanceName, labelVolume, $"the label volume ({inputs.Atlas})", "resample it nearest-neighbour onto the relevance grid");
            using var onGrid = VoxelGrid.Same(labelVolume, relevance) ? null : Resampler.ResampleLike(labelVolume, relevance, Interpolation.Nearest);
            var labels = RegionalRelevance.ToLabels((onGrid ?? labelVolume).Frame(0), inputs.Atlas);
            regions = new RegionalRelevanceTable(inputs.Atlas, RegionalRelevance.Compute(relevance.Memory[..relevance.SpatialCount], labels, inputs.LabelNames));
        }
        return new Result(pvs, load, lesions, regions);
    }
}
