using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `bench imaging --input FILE`: medians of (1) loading the file into float32, (2) 26-connected labelling of
/// data &gt; the 99.5th percentile of non-zero voxels, (3) trilinear resampling with a 0.1 rad rotation about
/// the third voxel axis and an offset of (3, 4, 5) voxels — the same work as
/// tests/Benchmarks/reference/imaging_reference_timing.py does with nibabel and scipy.
/// </summary>
public static class BenchImagingCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Image to time (e.g. a 256³ IXI brain .nii.gz).", Required = true };
        var repeats = new Option<int>("--repeats") { Description = "Runs per measurement (default 7); the median is reported.", DefaultValueFactory = _ => 7 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var cmd = new Command("imaging", "Time image loading, 26-connected labelling and trilinear resampling.");
        cmd.Options.Add(input);
        cmd.Options.Add(repeats);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var n = parse.GetValue(repeats);
            if (n < 1) throw new InvalidInputException($"--repeats: {n}; expected 1 or more");
            var result = Run(path, n);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else
                foreach (var (key, value) in result)
                    output.WriteLine($"{key,-18} {(value is JsonValue jv && jv.TryGetValue<double>(out var d) ? d.ToString("G6", CultureInfo.InvariantCulture) : value?.ToString())}");
            return ExitCodes.Success;
        });
        return cmd;
    }

    internal static JsonObject Run(string path, int repeats)
    {
        // Warm-up: JIT, file cache, thread pool.
        using var volume = VolumeFile.Read(path);
        var load = Median(repeats, () => { using var v = VolumeFile.Read(path); });

        var threshold = (float)Percentile.Of(volume.Frame(0), 99.5, PercentileScope.NonZero);
        var mask = BinaryMask.Threshold(volume.Frame(0), threshold);
        int components;
        using (var first = ConnectedComponents.Label(mask, volume.Shape3, Connectivity.TwentySix)) components = first.Count;
        var label = Median(repeats, () => { using var l = ConnectedComponents.Label(mask, volume.Shape3, Connectivity.TwentySix); });

        double c = Math.Cos(0.1), s = Math.Sin(0.1);
        var rotation = new Affine([c, -s, 0, 3, s, c, 0, 4, 0, 0, 1, 5, 0, 0, 0, 1]);
        var output = new float[volume.SpatialCount];
        var input = volume.Memory[..volume.SpatialCount];
        Resampler.Transform(input, volume.Shape3, output, volume.Shape3, rotation, Interpolation.Linear);
        var resample = Median(repeats, () => Resampler.Transform(input, volume.Shape3, output, volume.Shape3, rotation, Interpolation.Linear));

        return new JsonObject
        {
            ["input"] = path,
            ["shape"] = new JsonArray([.. volume.Shape.Select(d => (JsonNode)d)]),
            ["repeats"] = repeats,
            ["threads"] = Environment.ProcessorCount,
            ["load_seconds"] = load,
            ["label26_seconds"] = label,
            ["components"] = components,
            ["threshold"] = threshold,
            ["resample_seconds"] = resample,
        };
    }

    private static double Median(int repeats, Action action)
    {
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }
}
