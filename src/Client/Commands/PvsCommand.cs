using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `pvs`: perivascular-space segmentation of one subject, offline: a configured ONNX ensemble ([pvs_models.NAME])
/// or the Frangi filter, then [params.pvs] post-processing, the mask written and the cluster census printed.
/// </summary>
public static class PvsCommand
{
    public static Command Create()
    {
        var t1 = new Option<string>("--t1") { Description = "T1 image (skull-stripped: non-zero voxels are brain).", Required = true };
        var flair = new Option<string?>("--flair") { Description = "FLAIR image, for two-channel models." };
        var model = new Option<string?>("--model") { Description = "PVS ensemble from [pvs_models.NAME] in the configuration." };
        var frangi = new Option<bool>("--frangi") { Description = "Use the Frangi vesselness filter (the default when --model is not given)." };
        var output = new Option<string>("--out") { Description = "Binary PVS mask to write (uint8).", Required = true };
        var probabilityOut = new Option<string?>("--probability-out") { Description = "Write the probability (or vesselness) map too (float32)." };
        var labels = new Option<string?>("--labels") { Description = "Label volume (e.g. aseg.mgz) for counts per region (winner-take-all)." };
        var mask = new Option<string?>("--mask") { Description = "Frangi: region to analyse (non-zero voxels); default the T1's non-zero voxels eroded by 3." };
        var basalGanglia = new Option<string?>("--basal-ganglia") { Description = "Restrict to this mask, dilated by [params.pvs.basal_ganglia] dilate_mask_by." };
        var polarity = new Option<string>("--polarity") { Description = "Frangi: dark (T1) or bright (T2-like).", DefaultValueFactory = _ => "dark" };
        polarity.AcceptOnlyFromAmong("dark", "bright");
        var threshold = new Option<double?>("--threshold") { Description = "Override the threshold ([params.pvs] threshold, or frangi_threshold with --frangi)." };
        var borderOnly = new Option<bool>("--border-only") { Description = "Write only the border the dilation adds (dilated minus clusters)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };

        var cmd = new Command("pvs", "Segment perivascular spaces (ONNX ensemble or Frangi), post-process with [params.pvs], count clusters.");
        foreach (var o in new Option[] { t1, flair, model, frangi, output, probabilityOut, labels, mask, basalGanglia, polarity, threshold, borderOnly, json })
            cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var config = ConfigOptions.Load(parse).Config;
            var modelName = parse.GetValue(model);
            if (modelName is not null && parse.GetValue(frangi))
                throw new InvalidInputException("pvs: --model and --frangi exclude each other; choose one");
            var method = modelName is null ? PvsMethod.Frangi : PvsMethod.Parse(modelName, config, "pvs: --model");
            using var t1Volume = VolumeFile.Read(parse.GetValue(t1)!);
            using var flairVolume = parse.GetValue(flair) is { } f ? VolumeFile.Read(f) : null;
            using var bg = parse.GetValue(basalGanglia) is { } b ? VolumeFile.Read(b) : null;
            using var labelVolume = parse.GetValue(labels) is { } l ? VolumeFile.Read(l) : null;
            using var frangiMask = parse.GetValue(mask) is { } m ? VolumeFile.Read(m) : null;
            using var registry = new ModelRegistry(config);

            // The same step as the pvs stage: method, [params.pvs] post-processing, census.
            using var result = new PvsSegmentation(registry, config.Params.Pvs).Run(t1Volume, flairVolume, method, new PvsSegmentation.Options
            {
                Threshold = parse.GetValue(threshold),
                BorderOnly = parse.GetValue(borderOnly),
                BasalGanglia = bg,
                Labels = labelVolume,
                FrangiMask = frangiMask,
                Polarity = parse.GetValue(polarity) == "bright" ? VesselPolarity.Bright : VesselPolarity.Dark,
            });
            using (var maskVolume = result.OutputMask()) VolumeFile.Write(maskVolume, parse.GetValue(output)!, VoxelType.UInt8);
            if (parse.GetValue(probabilityOut) is { } p) VolumeFile.Write(result.Probability, p, VoxelType.Float32);

            var (post, census) = (result.PostProcessing, result.Census);
            var report = Report(method.ToString(), post, census, result.Masks);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) writer.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else
            {
                writer.WriteLine($"method       {method}");
                writer.WriteLine($"threshold    {post.Comparison.Symbol()} {post.Threshold.ToString(CultureInfo.InvariantCulture)}");
                writer.WriteLine($"clusters     {census.ClusterCount} (>= {post.ClusterSize} voxels, {(int)post.Connectivity}-connected)");
                writer.WriteLine($"volume mm3   total {Num(census.TotalVolumeMm3)}, mean {Num(census.MeanVolumeMm3)}, median {Num(census.MedianVolumeMm3)}, max {Num(census.MaxVolumeMm3)}");
                if (census.CountsByLabel is { } counts)
                    writer.WriteLine($"by label     {string.Join(", ", counts.Select(kv => $"{kv.Key}: {kv.Value}"))}");
            }
            return ExitCodes.Success;
        });
        return cmd;
    }

    internal static JsonObject Report(string method, PvsPostProcessingOptions post, PvsCensus census, PvsMasks masks) => new()
    {
        ["method"] = method,
        ["threshold"] = post.Threshold,
        ["comparison"] = post.Comparison.Symbol(),
        ["cluster_size"] = post.ClusterSize,
        ["connectivity"] = (int)post.Connectivity,
        ["clusters"] = census.ClusterCount,
        ["cluster_voxels"] = masks.Clusters.Sum(v => v),
        ["output_voxels"] = masks.Output.Sum(v => v),
        ["total_volume_mm3"] = census.TotalVolumeMm3,
        ["mean_volume_mm3"] = census.MeanVolumeMm3,
        ["median_volume_mm3"] = census.MedianVolumeMm3,
        ["max_volume_mm3"] = census.MaxVolumeMm3,
        ["regions"] = census.CountsByLabel is { } counts
            ? new JsonObject(counts.Select(kv => KeyValuePair.Create(kv.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)kv.Value)))
            : null,
    };

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
