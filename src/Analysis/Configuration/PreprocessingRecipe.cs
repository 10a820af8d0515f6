using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// A <c>[models.&lt;name&gt;]</c> entry's preprocessing, step by step in the order it runs: load the voxels, reorient,
/// resample, crop or pad to <see cref="Box"/>, find the brain mask, normalise intensities (or before the crop, with
/// <see cref="NormaliseBeforeCrop"/>), zero outside the mask.
/// README's "Preprocessing recipes" gives the numpy/scipy/nibabel call each step equals.
/// </summary>
public sealed record PreprocessingRecipe
{
    public ArrayLoad Load { get; init; } = ArrayLoad.GetFdata;

    /// <summary>Axis codes to reorient to (e.g. "LIA"), or null to keep the stored axes (<c>orientation = "native"</c>).</summary>
    public string? Orientation { get; init; }

    public ResampleMode Resample { get; init; } = ResampleMode.VoxelSize;

    /// <summary>The model's voxel size in mm (<see cref="ResampleMode.VoxelSize"/>).</summary>
    public double? VoxelSize { get; init; }

    /// <summary>Zoom factors per axis (<see cref="ResampleMode.Zoom"/>).</summary>
    public IReadOnlyList<double>? Zoom { get; init; }

    public InterpolationOrder Interpolation { get; init; } = InterpolationOrder.Linear;

    /// <summary>The model's input grid in voxels (x, y, z).</summary>
    public required IReadOnlyList<int> Box { get; init; }

    public CropCentre Crop { get; init; } = CropCentre.BrainBoundingBox;

    /// <summary>The slice-sum threshold of <see cref="CropCentre.SliceSums"/>.</summary>
    public double CropThreshold { get; init; }

    public BrainMaskKind BrainMask { get; init; } = BrainMaskKind.None;

    public required IntensityNormalisation Normalisation { get; init; }

    /// <summary>
    /// Normalise the resampled image before cropping, so means, sds and percentiles see the whole volume (SFCN's
    /// <c>data / data.mean()</c> comes before its <c>crop_center</c>); by default the cropped box is normalised.
    /// </summary>
    public bool NormaliseBeforeCrop { get; init; }

    /// <summary>Cap values above this percentile before min–max or z-score scaling; null: no clipping.</summary>
    public double? ClipPercentile { get; init; }

    /// <summary>The voxels percentiles, means and sds are taken over: non-zero ("brain") or all ("volume").</summary>
    public PercentileScope ClipScope { get; init; } = PercentileScope.NonZero;

    /// <summary>The divisor of <see cref="IntensityNormalisation.Scale"/>.</summary>
    public double ScaleDivisor { get; init; } = 255;

    /// <summary>The cap of <see cref="IntensityNormalisation.Capped"/>.</summary>
    public double? IntensityMax { get; init; }

    /// <summary>Every field as text, in a fixed order: equal recipes give equal descriptions.</summary>
    public string Describe() => string.Join("|",
        ModelOptionNames.Load.NameOf(Load), Orientation ?? ModelOptionNames.NativeOrientation, ModelOptionNames.Resample.NameOf(Resample),
        Text.Number(VoxelSize), Text.Numbers(Zoom), ModelOptionNames.Interpolation.NameOf(Interpolation), string.Join(",", Box),
        ModelOptionNames.Crop.NameOf(Crop), Text.Number(CropThreshold), ModelOptionNames.BrainMask.NameOf(BrainMask),
        ModelOptionNames.Normalisation.NameOf(Normalisation), NormaliseBeforeCrop ? "before_crop" : "after_crop", Text.Number(ClipPercentile), ModelOptionNames.ClipScope.NameOf(ClipScope),
        Text.Number(ScaleDivisor), Text.Number(IntensityMax));
}
