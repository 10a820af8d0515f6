namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// The keys of <c>[models.&lt;name&gt;]</c> (brain-age sub-ensembles and their preprocessing recipes) and
/// <c>[pvs_models.&lt;name&gt;]</c> entries (defaults: <see cref="BuiltInDefaults"/>).
/// </summary>
public static class ModelKeys
{
    public static readonly IReadOnlyList<KeySpec> Specs =
    [
        new("models.*.sequence", ValueKind.String, $"one of {Quote(MriSequenceNames.All)}", Accept: v => MriSequenceNames.All.Contains((string)v)),
        new("models.*.files", ValueKind.ExistingFileList, "a non-empty list of existing ONNX files", Accept: v => List(v).Count > 0),
        new("models.*.load", ValueKind.String, $"one of {ModelOptionNames.Load.Quoted} (nibabel's get_fdata() or dataobj: integer voxels stay integers through resampling)",
            Accept: ModelOptionNames.Load.Contains),
        new("models.*.orientation", ValueKind.String, $"three axis codes, one of L/R, A/P, S/I each, e.g. \"LIA\" or \"RAS\", or \"{ModelOptionNames.NativeOrientation}\" (keep the stored axes)",
            Accept: v => (string)v == ModelOptionNames.NativeOrientation || IsOrientation((string)v)),
        new("models.*.resample", ValueKind.String, $"one of {ModelOptionNames.Resample.Quoted}", Accept: ModelOptionNames.Resample.Contains),
        new("models.*.voxel_size", ValueKind.Number, "a voxel size in mm > 0 (resample = \"voxel_size\")", Required: false, Accept: v => Number(v) > 0),
        new("models.*.zoom", ValueKind.NumberOrTriple, "a zoom factor > 0, or three (resample = \"zoom\", as scipy.ndimage.zoom)", Required: false,
            Accept: v => Numbers(v).All(x => x > 0)),
        new("models.*.interpolation", ValueKind.String, $"one of {ModelOptionNames.Interpolation.Quoted} (scipy order 0, 1, 3)",
            Accept: ModelOptionNames.Interpolation.Contains),
        new("models.*.cube", ValueKind.Integer, "an edge length in voxels > 0 (set cube or box, not both)", Required: false, Accept: v => (long)v > 0),
        new("models.*.box", ValueKind.IntegerList, "three edge lengths in voxels > 0 (set cube or box, not both)", Required: false,
            Accept: v => List(v).Count == 3 && List(v).All(x => (long)x > 0)),
        new("models.*.crop", ValueKind.String, $"one of {ModelOptionNames.Crop.Quoted}", Accept: ModelOptionNames.Crop.Contains),
        new("models.*.crop_threshold", ValueKind.Number, "a number (crop = \"slice_sum\": slices whose sum exceeds it bound the brain)", Required: false),
        new("models.*.brain_mask", ValueKind.String, "\"none\" or \"intensity\" (skull-stripped input: zero outside a brain mask found from the image's intensities)",
            Accept: ModelOptionNames.BrainMask.Contains),
        new("models.*.normalisation", ValueKind.String,
            "one of \"unit\" ([0,1] after clipping), \"unit_inverted\" ([1,0] after clipping), \"uint8\" (per-subject min-max stretch to [0,255]), \"none\", " +
            "\"raw\" (cast to the model's type), \"scale\" (÷ scale_divisor), \"capped\" (the original's uint8 storage with intensity_max, ÷ 255), \"zscore\", \"mean\" (÷ mean)",
            Accept: ModelOptionNames.Normalisation.Contains),
        new("models.*.normalise_before_crop", ValueKind.Boolean, "true (normalise the whole resampled image, then crop) or false (normalise the cropped box)"),
        new("models.*.clip_percentile", ValueKind.Number, "a percentile in (0, 100]", Required: false, Accept: v => Number(v) is > 0 and <= 100),
        new("models.*.clip_scope", ValueKind.String, "\"brain\" (non-zero voxels) or \"volume\"", Accept: ModelOptionNames.ClipScope.Contains),
        new("models.*.scale_divisor", ValueKind.Number, "a divisor > 0 (normalisation = \"scale\")", Accept: v => Number(v) > 0),
        new("models.*.intensity_max", ValueKind.Number, "the intensity cap > 0 (normalisation = \"capped\", e.g. the dataset maximum capped at 383)",
            Required: false, Accept: v => Number(v) > 0),
        new("models.*.head", ValueKind.String, $"one of {ModelOptionNames.Head.Quoted}", Accept: ModelOptionNames.Head.Contains),
        new("models.*.intercept", ValueKind.Number, "a number (the linear head's intercept)"),
        new("models.*.weights", ValueKind.NumberList, "one weight per base-model file (the linear head)", Required: false),
        new("models.*.output", ValueKind.String, "\"identity\", \"scaled\" (target in [-1,1] over age_range), \"soft_bins\" or \"affine\" (output_scale · y + output_offset)",
            Accept: ModelOptionNames.Output.Contains),
        new("models.*.age_range", ValueKind.NumberList, "[min, max] ages with min < max", Required: false,
            Accept: v => List(v).Count == 2 && Number(List(v)[0]) < Number(List(v)[1])),
        new("models.*.bin_centres", ValueKind.NumberList, "a non-empty list of age-bin centres", Required: false, Accept: v => List(v).Count > 0),
        new("models.*.output_scale", ValueKind.Number, "a number (output = \"affine\")"),
        new("models.*.output_offset", ValueKind.Number, "a number in years (output = \"affine\")"),

        new("pvs_models.*.files", ValueKind.ExistingFileList, "a non-empty list of existing ONNX files (the folds)", Accept: v => List(v).Count > 0),
        new("pvs_models.*.channels", ValueKind.StringList, "[\"t1\"] or [\"t1\", \"flair\"] (the model's input channels in order)",
            Accept: v => List(v).Select(x => (string)x).SequenceEqual(["t1"]) || List(v).Select(x => (string)x).SequenceEqual(["t1", "flair"])),
        new("pvs_models.*.box", ValueKind.IntegerList, "three edge lengths in voxels > 0 (1 mm)",
            Accept: v => List(v).Count == 3 && List(v).All(x => (long)x > 0)),
        new("pvs_models.*.clip_percentile", ValueKind.Number, "a percentile in (0, 100]", Accept: v => Number(v) is > 0 and <= 100),
        new("pvs_models.*.clip_scope", ValueKind.String, "\"brain\" (non-zero voxels) or \"volume\" (the whole box, as the original)",
            Accept: ModelOptionNames.ClipScope.Contains),
    ];

    private static double Number(object v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<object> List(object v) => (IReadOnlyList<object>)v;

    private static IEnumerable<double> Numbers(object v) => v is IReadOnlyList<object> list ? list.Select(Number) : [Number(v)];

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    /// <summary>Three distinct axes, one code of L/R, A/P, S/I each.</summary>
    private static bool IsOrientation(string code)
    {
        if (code.Length != 3) return false;
        var axes = code.Select(c => c switch { 'L' or 'R' => 0, 'A' or 'P' => 1, 'S' or 'I' => 2, _ => -1 }).ToArray();
        return axes.All(a => a >= 0) && axes.Distinct().Count() == 3;
    }
}
