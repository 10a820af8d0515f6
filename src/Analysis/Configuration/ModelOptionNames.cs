using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>How the options of <c>[models.*]</c> and <c>[pvs_models.*]</c> entries are spelled in TOML.</summary>
public static class ModelOptionNames
{
    public static readonly OptionNames<ArrayLoad> Load = new(("get_fdata", ArrayLoad.GetFdata), ("dataobj", ArrayLoad.DataObj));

    public static readonly OptionNames<ResampleMode> Resample = new(
        ("voxel_size", ResampleMode.VoxelSize), ("zoom", ResampleMode.Zoom), ("none", ResampleMode.None));

    public static readonly OptionNames<InterpolationOrder> Interpolation = new(
        ("nearest", InterpolationOrder.Nearest), ("linear", InterpolationOrder.Linear), ("cubic", InterpolationOrder.Cubic));

    public static readonly OptionNames<CropCentre> Crop = new(
        ("brain_bbox", CropCentre.BrainBoundingBox), ("centre", CropCentre.VolumeCentre),
        ("slice_sum", CropCentre.SliceSums), ("centre_of_mass", CropCentre.CentreOfMass));

    public static readonly OptionNames<IntensityNormalisation> Normalisation = new(
        ("unit", IntensityNormalisation.Unit), ("unit_inverted", IntensityNormalisation.UnitInverted),
        ("uint8", IntensityNormalisation.UInt8), ("none", IntensityNormalisation.None), ("raw", IntensityNormalisation.Raw),
        ("scale", IntensityNormalisation.Scale), ("capped", IntensityNormalisation.Capped),
        ("zscore", IntensityNormalisation.ZScore), ("mean", IntensityNormalisation.Mean));

    /// <summary>Which voxels a percentile, mean or sd is taken over.</summary>
    public static readonly OptionNames<PercentileScope> ClipScope = new(("brain", PercentileScope.NonZero), ("volume", PercentileScope.All));

    public static readonly OptionNames<BrainMaskKind> BrainMask = new(("none", BrainMaskKind.None), ("intensity", BrainMaskKind.Intensity));

    public static readonly OptionNames<HeadKind> Head = new(("mean", HeadKind.Mean), ("linear", HeadKind.Linear));

    public static readonly OptionNames<OutputKind> Output = new(
        ("identity", OutputKind.Identity), ("scaled", OutputKind.Scaled), ("soft_bins", OutputKind.SoftBins), ("affine", OutputKind.Affine));

    /// <summary>The orientation value that keeps the image's stored axes (no reorientation).</summary>
    public const string NativeOrientation = "native";
}
