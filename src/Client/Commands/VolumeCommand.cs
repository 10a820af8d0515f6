using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Client.Commands;

/// <summary>`volume info|convert|resample|label|transform`: offline verbs on image files (NIfTI-1/2, MGH/MGZ).</summary>
public static class VolumeCommand
{
    public static Command Create()
    {
        var volume = new Command("volume", "Inspect and transform image files (NIfTI-1/2 .nii/.nii.gz/.hdr, MGH/MGZ).");
        volume.Subcommands.Add(Info());
        volume.Subcommands.Add(Convert());
        volume.Subcommands.Add(Resample());
        volume.Subcommands.Add(Label());
        volume.Subcommands.Add(VolumeTransformCommand.Create());
        return volume;
    }

    private static Command Info()
    {
        var file = new Argument<string>("file") { Description = "Image file to describe." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var cmd = new Command("info", "Format, shape, voxel sizes, data type, affine, orientation and value statistics of an image.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            using var v = VolumeFile.Read(path);
            var s = VolumeStatistics.Of(v.Data);
            var info = Describe(v, path, s);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(info.ToJsonString(Indented));
            else
            {
                output.WriteLine($"file         {path}");
                output.WriteLine($"format       {info["format"]}");
                output.WriteLine($"shape        {string.Join(" x ", v.Shape)}");
                output.WriteLine($"zooms        {string.Join(" x ", v.Zooms.Select(Num))}");
                output.WriteLine($"datatype     {v.DataType.Name()}");
                output.WriteLine($"orientation  {info["orientation"]}");
                for (var r = 0; r < 4; r++)
                    output.WriteLine($"{(r == 0 ? "affine" : ""),-13}{string.Join("  ", Enumerable.Range(0, 4).Select(c => v.Affine[r, c].ToString("F6", CultureInfo.InvariantCulture).PadLeft(12)))}");
                output.WriteLine($"sum          {Num(s.Sum)}");
                output.WriteLine($"min/max      {Num(s.Min)} / {Num(s.Max)}");
                output.WriteLine($"mean         {Num(s.Mean)}");
                output.WriteLine($"nonzero      {s.NonZero}");
                output.WriteLine($"non-finite   {s.NaN} NaN, {s.PositiveInfinity} +inf, {s.NegativeInfinity} -inf{(s.HasNonFinite ? " (statistics skip NaN, as numpy's nan-functions)" : "")}");
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>
    /// The JSON `volume info --json` prints. Statistics follow numpy's nan-functions; a statistic that is itself NaN or
    /// infinite (an image with infinities, or only NaN) is written as the string "NaN", "Infinity" or "-Infinity",
    /// which JSON readers accept where a bare NaN would be invalid JSON.
    /// </summary>
    private static JsonObject Describe(Volume v, string path, VolumeStatistics s) => new()
    {
        ["file"] = path,
        ["format"] = v.Metadata.SourceFormat switch
        {
            ImageFormat.Nifti1 => "NIfTI-1",
            ImageFormat.Nifti2 => "NIfTI-2",
            ImageFormat.Mgh => "MGH",
            _ => "unknown",
        },
        ["shape"] = new JsonArray([.. v.Shape.Select(d => (JsonNode)d)]),
        ["zooms"] = new JsonArray([.. v.Zooms.Select(z => (JsonNode)z)]),
        ["datatype"] = v.DataType.Name(),
        ["affine"] = new JsonArray([.. v.Affine.ToRows().Select(r => (JsonNode)new JsonArray([.. r.Select(x => (JsonNode)x)]))]),
        ["orientation"] = Orientation.AxisCodes(v),
        ["sum"] = Statistic(s.Sum),
        ["min"] = Statistic(s.Min),
        ["max"] = Statistic(s.Max),
        ["mean"] = Statistic(s.Mean),
        ["nonzero"] = s.NonZero,
        ["nan"] = s.NaN,
        ["posinf"] = s.PositiveInfinity,
        ["neginf"] = s.NegativeInfinity,
    };

    private static JsonNode Statistic(double value) =>
        double.IsNaN(value) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(value) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(value) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(value);

    private static Command Convert()
    {
        var input = new Argument<string>("in") { Description = "Input image." };
        var output = new Argument<string>("out") { Description = "Output image; the format follows the extension (.nii, .nii.gz, .hdr, .mgh, .mgz)." };
        var orientation = new Option<string?>("--orientation") { Description = "Reorient exactly (no interpolation) to axis codes such as RAS or LIA." };
        var dtype = new Option<string?>("--dtype") { Description = "On-disk type: uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64 (default: the input's)." };
        var cmd = new Command("convert", "Convert between formats, optionally reorienting and changing the data type.");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        cmd.Options.Add(orientation);
        cmd.Options.Add(dtype);
        cmd.SetAction(parse =>
        {
            var type = parse.GetValue(dtype) is { } t ? VoxelTypes.Parse(t, "--dtype") : (VoxelType?)null;
            var target = parse.GetValue(orientation);
            if (target is not null) Orientation.Parse(target);
            var outPath = parse.GetValue(output)!;
            CheckWritable(outPath);
            var v = VolumeFile.Read(parse.GetValue(input)!);
            try
            {
                if (target is not null)
                {
                    var r = Orientation.Reorient(v, target);
                    v.Dispose();
                    v = r;
                }
                VolumeFile.Write(v, outPath, type);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}: {string.Join("x", v.Shape)} {(type ?? v.DataType).Name()} {Orientation.AxisCodes(v)}");
            }
            finally
            {
                v.Dispose();
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static Command Resample()
    {
        var input = new Argument<string>("in") { Description = "Image to resample." };
        var output = new Argument<string>("out") { Description = "Output image." };
        var like = new Option<string>("--like") { Description = "Reference image whose grid (shape and affine) the output takes.", Required = true };
        var nearest = new Option<bool>("--nearest") { Description = "Nearest-neighbour interpolation (labels, masks) instead of trilinear." };
        var fill = new Option<float>("--fill") { Description = "Value outside the input's extent (default 0)." };
        var cmd = new Command("resample", "Resample an image onto another image's grid.");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        cmd.Options.Add(like);
        cmd.Options.Add(nearest);
        cmd.Options.Add(fill);
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            CheckWritable(outPath);
            using var source = VolumeFile.Read(parse.GetValue(input)!);
            using var reference = VolumeFile.Read(parse.GetValue(like)!);
            var interpolation = parse.GetValue(nearest) ? Interpolation.Nearest : Interpolation.Linear;
            using var result = Resampler.ResampleLike(source, reference, interpolation, parse.GetValue(fill));
            VolumeFile.Write(result, outPath);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}: {string.Join("x", result.Shape)} {interpolation.ToString().ToLowerInvariant()}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    private static Command Label()
    {
        var input = new Argument<string>("in") { Description = "Image to threshold and label." };
        var threshold = new Option<float>("--threshold") { Description = "Voxels with value > T are foreground.", Required = true };
        var connectivity = new Option<int>("--connectivity") { Description = "6, 18 or 26 (default 26).", DefaultValueFactory = _ => 26 };
        var minSize = new Option<long>("--min-size") { Description = "Drop components with fewer voxels (default 1: keep all)." , DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Label image to write (int32; 0 background, 1..N by scan order).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print components as JSON." };
        var cmd = new Command("label", "Connected components of a thresholded image: sizes, centroids, bounding boxes.");
        cmd.Arguments.Add(input);
        cmd.Options.Add(threshold);
        cmd.Options.Add(connectivity);
        cmd.Options.Add(minSize);
        cmd.Options.Add(output);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var conn = Connectivities.Parse(parse.GetValue(connectivity));
            var min = parse.GetValue(minSize);
            if (min < 1) throw new InvalidInputException($"--min-size: {min}; expected 1 or more");
            var outPath = parse.GetValue(output)!;
            CheckWritable(outPath);
            using var v = VolumeFile.Read(parse.GetValue(input)!);
            var mask = BinaryMask.Threshold(v.Frame(0), parse.GetValue(threshold));
            var labeling = ConnectedComponents.Label(mask, v.Shape3, conn);
            if (min > 1)
            {
                var kept = labeling.MaskOfComponentsAtLeast(min);
                labeling.Dispose();
                labeling = ConnectedComponents.Label(kept, v.Shape3, conn);
            }
            using var disposeLabels = labeling;
            using (var labels = labeling.ToVolume(v)) VolumeFile.Write(labels, outPath);

            var output2 = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var components = new JsonArray();
                for (var i = 0; i < labeling.Count; i++)
                {
                    var c = labeling.Centroids[i];
                    var b = labeling.Boxes[i];
                    var w = v.Affine.Apply(c.X, c.Y, c.Z);
                    components.Add(new JsonObject
                    {
                        ["label"] = i + 1,
                        ["size"] = labeling.Sizes[i],
                        ["centroid_voxel"] = new JsonArray(c.X, c.Y, c.Z),
                        ["centroid_world"] = new JsonArray(w.X, w.Y, w.Z),
                        ["bbox_min"] = new JsonArray(b.MinX, b.MinY, b.MinZ),
                        ["bbox_max"] = new JsonArray(b.MaxX, b.MaxY, b.MaxZ),
                    });
                }
                output2.WriteLine(new JsonObject
                {
                    ["file"] = parse.GetValue(input),
                    ["out"] = outPath,
                    ["threshold"] = parse.GetValue(threshold),
                    ["connectivity"] = (int)conn,
                    ["min_size"] = min,
                    ["components"] = labeling.Count,
                    ["voxels"] = labeling.Sizes.Sum(),
                    ["items"] = components,
                }.ToJsonString(Indented));
            }
            else
            {
                output2.WriteLine($"{labeling.Count} components ({labeling.Sizes.Sum()} voxels, {(int)conn}-connected, min size {min}); wrote {outPath}");
                foreach (var i in Enumerable.Range(0, labeling.Count).OrderByDescending(i => labeling.Sizes[i]).Take(10))
                {
                    var c = labeling.Centroids[i];
                    output2.WriteLine($"  label {i + 1,6}  size {labeling.Sizes[i],9}  centroid ({Num(c.X)}, {Num(c.Y)}, {Num(c.Z)})");
                }
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>Fails early, before reading large inputs, when the output name is not an image name.</summary>
    private static void CheckWritable(string path)
    {
        if (VolumeFile.FormatForPath(path) is null)
            throw new InvalidInputException($"{path}: unknown image file extension; expected one of {VolumeFile.SupportedExtensions}");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Num(double d) => d.ToString("G6", CultureInfo.InvariantCulture);
}
