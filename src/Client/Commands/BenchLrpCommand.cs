using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Client.Commands;

/// <summary>`bench lrp`: forward and relevance time of a seeded model of a benchmark topology (MRInet or the tf2onnx conv6 CNN).</summary>
public static class BenchLrpCommand
{
    public static Command Create()
    {
        var topology = new Option<string>("--topology")
        {
            Description = "mrinet: MRInet as PyTorch exports it (198³); conv6: the tf2onnx brain-age CNN (6³ kernels, 2³ pools, BatchNorm after pools, GAP; 82×86×100 uint8).",
            DefaultValueFactory = _ => "mrinet",
        };
        topology.AcceptOnlyFromAmong("mrinet", "conv6");
        var cube = new Option<int?>("--cube") { Description = "A cubic input of this edge length (shorthand for --size N,N,N)." };
        var size = new Option<string?>("--size") { Description = "The spatial input D,H,W (default: 198,198,198 for mrinet, 82,86,100 for conv6)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs after one warm-up (medians are reported).", DefaultValueFactory = _ => 3 };
        var rule = new Option<string>("--rule") { Description = "Composite to time.", DefaultValueFactory = _ => SequentialPresetComposite.PresetA };
        var cpu = new Option<bool>("--cpu") { Description = "Use the CPU provider even when CUDA is available." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var signed = new Option<bool>("--signed-input") { Description = "Standard-normal voxels instead of uniform [0, 1) (a normalised T1)." };
        var splitPools = new Option<int>("--split-pools")
        {
            Description = "Leading max poolings whose relevance routing runs in C# (0: everything in one ONNX graph).",
            DefaultValueFactory = _ => RelevanceEngineOptions.DefaultSplitMaxPools,
        };
        var noFuse = new Option<bool>("--no-fuse")
        {
            Description = "Route split max poolings into dense tensors and run the convolutions' backward graphs instead of the fused C# passes.",
        };
        var command = new Command("lrp", "Time forward and LRP relevance (preset A unless --rule) of a seeded MRInet or conv6 model.");
        command.Options.Add(topology);
        command.Options.Add(cube);
        command.Options.Add(size);
        command.Options.Add(repeats);
        command.Options.Add(rule);
        command.Options.Add(cpu);
        command.Options.Add(json);
        command.Options.Add(signed);
        command.Options.Add(splitPools);
        command.Options.Add(noFuse);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);
            var chosen = parse.GetValue(topology) == "conv6" ? LrpTopology.Conv6 : LrpTopology.MriNet;
            var inputSize = InputSize(parse.GetValue(cube), parse.GetValue(size));
            var result = LrpBenchmark.Run(chosen, inputSize, parse.GetValue(repeats), parse.GetValue(rule)!,
                parse.GetValue(cpu) ? ProviderPreference.Cpu : ProviderPreference.Auto,
                asJson ? null : line => output.WriteLine(line), parse.GetValue(signed), parse.GetValue(splitPools),
                !parse.GetValue(noFuse));
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["topology"] = result.Topology == LrpTopology.MriNet ? "mrinet" : "conv6",
                    ["input_size"] = result.InputSize,
                    ["rule"] = result.Composite,
                    ["input"] = result.SignedInput ? "signed" : "nonnegative",
                    ["provider"] = result.Provider,
                    ["repeats"] = result.Repeats,
                    ["forward_seconds"] = result.ForwardSeconds,
                    ["relevance_seconds"] = result.RelevanceSeconds,
                    ["relevance_over_forward"] = result.RelevanceOverForward,
                    ["compile_seconds"] = result.CompileSeconds,
                    ["split_pools"] = result.SplitPools,
                    ["fused_blocks"] = result.FusedBlocks,
                    ["forward_cpu_seconds"] = result.ForwardCpuSeconds,
                    ["relevance_cpu_seconds"] = result.RelevanceCpuSeconds,
                    ["relevance_over_forward_cpu"] = result.RelevanceOverForwardCpu,
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Topology} {string.Join("×", result.InputSize)} ({(result.SignedInput ? "signed" : "non-negative")} input), {result.Composite}, {result.Provider}: forward {result.ForwardSeconds:F3} s, relevance {result.RelevanceSeconds:F3} s (×{result.RelevanceOverForward:F2}; CPU time ×{result.RelevanceOverForwardCpu:F2}), first run incl. compile {result.CompileSeconds:F3} s"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>--cube N or --size D,H,W (not both); null for the topology's default.</summary>
    /// <summary>The spatial input from --cube or --size (null when neither is given).</summary>
    internal static int[]? InputSize(int? cube, string? size)
    {
        if (cube is not null && size is not null) throw new InvalidInputException("--cube and --size: give one of them.");
        if (cube is { } n) return [n, n, n];
        if (size is null) return null;
        var parts = size.Split(',');
        if (parts.Length != 3 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new InvalidInputException($"--size '{size}': three positive integers D,H,W expected.");
        return parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    }
}
