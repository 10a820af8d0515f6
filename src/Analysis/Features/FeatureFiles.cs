using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// The per-subject features from image files: a relevance map with a feature mask (PVS or a lesion probability
/// map) and with a label volume (aparc+aseg, aseg, or an atlas, resampled nearest-neighbour on request).
/// </summary>
public static class FeatureFiles
{
    /// <summary>Grids must agree to this many millimetres in every affine entry.</summary>
    private const double AffineTolerance = 1e-3;

    /// <summary>Mask metrics of <paramref name="relevancePath"/> inside the mask at <paramref name="maskPath"/>.</summary>
    /// <param name="wmlThreshold">For <see cref="MaskFeature.Wml"/>: the probability above which a voxel is lesion.</param>
    public static MaskMetrics MaskMetrics(string relevancePath, string maskPath, MaskFeature feature,
        double wmlThreshold = LesionMask.DefaultThreshold, double age = double.NaN, double brainAge = double.NaN)
    {
        using var relevance = ReadRelevance(relevancePath);
        using var maskVolume = VolumeFile.Read(maskPath);
        RequireSameGrid(relevance, relevancePath, maskVolume, maskPath);
        var mask = feature == MaskFeature.Wml ? LesionMask.FromProbability(maskVolume.Data, wmlThreshold) : LesionMask.FromNonZero(maskVolume.Data);
        return Features.MaskMetrics.Compute(relevance.Data, mask, feature, age, brainAge);
    }

    /// <summary>
    /// Per-label relevance of <paramref name="relevancePath"/> over the label volume at <paramref name="labelsPath"/>.
    /// With <paramref name="resampleLabels"/>, labels on another grid (an atlas) are first resampled nearest-neighbour
    /// onto the relevance grid; otherwise the grids must agree.
    /// </summary>
    public static IReadOnlyList<RegionRelevance> Regional(string relevancePath, string labelsPath, FreeSurferColorLut? lut = null,
        bool includeBackground = false, bool resampleLabels = false)
    {
        using var relevance = ReadRelevance(relevancePath);
        var labelVolume = VolumeFile.Read(labelsPath);
        try
        {
            if (resampleLabels && !SameGrid(relevance, labelVolume))
            {
                var resampled = Resampler.ResampleLike(labelVolume, relevance, Interpolation.Nearest);
                labelVolume.Dispose();
                labelVolume = resampled;
            }
            RequireSameGrid(relevance, relevancePath, labelVolume, labelsPath);
            var labels = RegionalRelevance.ToLabels(labelVolume.Data, labelsPath);
            return RegionalRelevance.Compute(relevance.Memory, labels, lut, includeBackground);
        }
        finally
        {
            labelVolume.Dispose();
        }
    }

    /// <summary>Reads a 3-D relevance map.</summary>
    public static Volume ReadRelevance(string path)
    {
        var volume = VolumeFile.Read(path);
        if (volume.Frames != 1)
        {
            volume.Dispose();
            throw new InvalidInputException($"{path}: a relevance map is 3-D; this image has {volume.Frames} frames.");
        }
        return volume;
    }

    public static bool SameGrid(Volume a, Volume b) => a.Shape3 == b.Shape3 && a.Affine.MaxAbsDifference(b.Affine) <= AffineTolerance;

    /// <summary>Both images must share the voxel grid (shape and affine); labels and masks are not resampled here.</summary>
    public static void RequireSameGrid(Volume a, string aPath, Volume b, string bPath)
    {
        if (a.Shape3 != b.Shape3)
            throw new InvalidInputException($"{bPath} has shape {b.Shape3} but {aPath} has {a.Shape3}; resample it onto the relevance grid (nearest-neighbour for labels).");
        var difference = a.Affine.MaxAbsDifference(b.Affine);
        if (difference > AffineTolerance)
            throw new InvalidInputException($"{bPath} and {aPath} have the same shape but different affines (largest difference {difference:G3}); they are not on the same grid.");
    }
}
