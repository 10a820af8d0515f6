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
            using var t1Volume = VolumeFile.Read(parse.GetValue(t1)!);
            using var flairVolume = parse.GetValue(flair) is { } f ? VolumeFile.Read(f) : null;

            Volume probability;
            PvsPostProcessingOptions post;
            string method;
            if (modelName is not null)
            {
                if (!config.PvsModels.TryGetValue(modelName, out var modelConfig))
                    throw new InvalidInputException(
                        $"pvs: --model {modelName} is not configured; expected one of [{string.Join(", ", config.PvsModels.Keys)}] from [pvs_models.<name>]");
                using var ensemble = ShivaPvsEnsemble.Load(modelConfig);
                probability = ensemble.Predict(t1Volume, flairVolume);
                post = PvsPostProcessingOptions.FromConfig(config.Params.Pvs);
                method = $"onnx:{modelName}";
            }
            else
            {
                var region = parse.GetValue(mask) is { } m ? NonZeroOnGrid(m, t1Volume) : FrangiRegion.ErodedBrain(t1Volume);
                probability = FrangiFilter.Apply(t1Volume, new FrangiOptions
                {
                    Polarity = parse.GetValue(polarity) == "bright" ? VesselPolarity.Bright : VesselPolarity.Dark,
                }, region);
                post = PvsPostProcessingOptions.FromConfig(config.Params.Pvs, frangi: true);
                method = "frangi";
            }
            using (probability)
            {
                if (parse.GetValue(threshold) is { } t) post = post with { Threshold = t };
                if (parse.GetValue(borderOnly)) post = post with { BorderOnly = true, DilateBy = Math.Max(1, post.DilateBy) };
                using var bg = parse.GetValue(basalGanglia) is { } b ? OnGrid(b, t1Volume) : null;
                var masks = PvsPostProcessing.Apply(probability, post, bg);
                using var labelVolume = parse.GetValue(labels) is { } l ? OnGrid(l, t1Volume) : null;
                var census = PvsCensus.Of(masks.Clusters, probability, post.Connectivity, labelVolume);

                using var maskVolume = BinaryMask.ToVolume(masks.Output, probability);
                VolumeFile.Write(maskVolume, parse.GetValue(output)!, VoxelType.UInt8);
                if (parse.GetValue(probabilityOut) is { } p) VolumeFile.Write(probability, p, VoxelType.Float32);

                var report = Report(method, post, census, masks);
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

    /// <summary>A label or mask file on the T1's grid (nearest-neighbour when the grids differ).</summary>
    private static Volume OnGrid(string path, Volume grid)
    {
        var v = VolumeFile.Read(path);
        if (v.Shape3 == grid.Shape3 && v.Affine.MaxAbsDifference(grid.Affine) < 1e-4) return v;
        using (v) return Resampler.ResampleLike(v, grid, Interpolation.Nearest);
    }

    private static byte[] NonZeroOnGrid(string path, Volume grid)
    {
        using var v = OnGrid(path, grid);
        return BinaryMask.NonZero(v.Frame(0));
    }

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
