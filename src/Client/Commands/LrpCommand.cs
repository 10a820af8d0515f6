using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Heatmaps;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// `lrp --model M.onnx --input X.nii.gz --rule NAME`: the model's prediction for X and the LRP relevance of every
/// voxel, written as float32 NIfTI with X's shape and affine, optionally with a heatmap PNG. With
/// <c>--native REF</c> (the subject's image X was reoriented, resampled and pruned from, e.g. by
/// <c>brainage --input-out</c>), the map and the PNG are put back into REF's grid through the two images' affines.
/// </summary>
public static class LrpCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The ONNX model.", Required = true };
        var input = new Option<string>("--input") { Description = "The image (NIfTI/MGH) on the model's input grid.", Required = true };
        var rule = new Option<string>("--rule")
        {
            Description = "Composite: lrp.z, lrp.epsilon, lrp.sequential_preset_a|b[_flat], epsilon_plus_flat, epsilon_gamma_box, or a uniform lrp.* rule.",
            DefaultValueFactory = _ => SequentialPresetComposite.PresetA,
        };
        var epsilon = new Option<float?>("--epsilon") { Description = "ε of the ε rule (lrp.epsilon: 1e-6; presets' dense layers: 0.1)." };
        var output = new Option<string?>("--out") { Description = "Write the relevance map here (.nii/.nii.gz, float32)." };
        var png = new Option<string?>("--png") { Description = "Write a heatmap PNG (axial, coronal and sagittal slices spanning the brain, black-fire-red relevance over the image, colour bar)." };
        var json = new Option<bool>("--json") { Description = "Print prediction, relevance_sum, rule, provider and timings as JSON (with --native also native_relevance_sum and native_grid_aligned)." };
        var normalise = new Option<bool>("--normalise") { Description = "Divide the written map by its largest |relevance|." };
        var start = new Option<string>("--start")
        {
            Description = "Relevance at the output: 'output' (the raw value), 'ones', or 'neuron:N' for one class of a classifier.",
            DefaultValueFactory = _ => "output",
        };
        var stripSoftmax = new Option<bool>("--strip-softmax") { Description = "Explain the scores before a final Softmax instead of refusing the model." };
        var cpu = new Option<bool>("--cpu") { Description = "Use the CPU provider even when CUDA is available." };
        var native = new Option<string?>("--native")
        {
            Description = "The subject's native image the input was reoriented/resampled/pruned from: write the map (and PNG) on its grid, placed by the two images' affines.",
        };

        var command = new Command("lrp", "Explain one model prediction with Layer-wise Relevance Propagation.");
        foreach (var option in new Option[] { model, input, rule, epsilon, output, png, json, normalise, start, stripSoftmax, cpu, native }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);
            var log = parse.InvocationConfiguration.Error;
            using var engine = RelevanceEngine.Load(parse.GetValue(model)!, new RelevanceEngineOptions
            {
                Provider = parse.GetValue(cpu) ? ProviderPreference.Cpu : ProviderPreference.Auto,
                StripSoftmax = parse.GetValue(stripSoftmax),
                Log = line => log.WriteLine(line),
            });
            var composite = CompositeRegistry.Create(parse.GetValue(rule)!, new CompositeOptions { Epsilon = parse.GetValue(epsilon) });
            var relevanceStart = ParseStart(parse.GetValue(start)!);

            var inputPath = parse.GetValue(input)!;
            using var volume = VolumeFile.Read(inputPath);
            var tensor = VolumeTensorLayout.ToModelInput(volume.Data, [volume.Nx, volume.Ny, volume.Nz], volume.Frames, engine.Model, inputPath);

            engine.Prepare(composite, relevanceStart, inputNonNegative: tensor.All(v => v >= 0f));
            var clock = Stopwatch.StartNew();
            engine.Predict(tensor);
            var forwardSeconds = clock.Elapsed.TotalSeconds;
            var result = engine.Explain(tensor, composite, relevanceStart);

            var map = VolumeTensorLayout.ToVolume(result.Relevance, engine.Model);
            if (parse.GetValue(normalise))
            {
                var max = map.Max(v => Math.Abs(v));
                if (max > 0) for (var i = 0; i < map.Length; i++) map[i] /= max;
            }
            using var relevance = Volume.FromData(map, volume.Shape.ToArray(), volume.Affine, VoxelType.Float32, volume.Zooms.ToArray());
            var nativePath = parse.GetValue(native);
            using var nativeImage = nativePath is null ? null : VolumeFile.Read(nativePath);
            using var nativeMap = nativeImage is null ? null : NativeGridMapping.ToNative(relevance, nativeImage, inputPath, nativePath!);
            var (written, background) = nativeMap is null ? (relevance, volume) : (nativeMap, nativeImage!);
            if (parse.GetValue(output) is { } outPath) VolumeFile.Write(written, outPath, VoxelType.Float32);
            if (parse.GetValue(png) is { } pngPath)
            {
                var voxels = background.SpatialCount;
                using var heatmap = RelevanceHeatmap.Render(background, written.Memory[..voxels], HeatmapScale.ForRelevance(written.Data[..voxels]),
                    string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(inputPath)}: prediction {result.Prediction[0]:G4}"), composite.Name, pngPath);
                var bytes = heatmap.Encode(ImageEncoding.Png);
                AtomicFile.Write(pngPath, stream => stream.Write(bytes));
            }

            if (asJson)
            {
                var report = new Dictionary<string, object?>
                {
                    ["prediction"] = result.Prediction.Length == 1 ? result.Prediction[0] : result.Prediction,
                    ["relevance_sum"] = result.RelevanceSum,
                    ["rule"] = composite.Name,
                    ["provider"] = engine.Provider,
                    ["forward_seconds"] = forwardSeconds,
                    ["relevance_seconds"] = result.Seconds,
                };
                if (nativeMap is not null)
                {
                    // Equals relevance_sum when the grid is aligned and pruning cut nothing.
                    report["native_relevance_sum"] = Sum(nativeMap.Data);
                    report["native_grid_aligned"] = NativeGridMapping.IsGridAligned(relevance, nativeImage!);
                }
                console.WriteLine(JsonSerializer.Serialize(report));
            }
            else
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"prediction {string.Join(", ", result.Prediction)}; relevance sum {result.RelevanceSum:G6}; rule {composite.Name}; {engine.Provider}; forward {forwardSeconds:F3} s, relevance {result.Seconds:F3} s"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum;
    }

    private static RelevanceStart ParseStart(string value)
    {
        if (value == "output") return RelevanceStart.Output;
        if (value == "ones") return RelevanceStart.Ones;
        if (value.StartsWith("neuron:", StringComparison.Ordinal)
            && int.TryParse(value["neuron:".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            return RelevanceStart.Neuron(index);
        throw new InvalidInputException($"--start '{value}': expected 'output', 'ones' or 'neuron:N'.");
    }
}
