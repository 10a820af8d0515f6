using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;

namespace RelevanceRelated.Client.Commands;

/// <summary>`bench lrp`: forward and relevance time of an MRInet-topology model with seeded weights.</summary>
public static class BenchLrpCommand
{
    public static Command Create()
    {
        var cube = new Option<int>("--cube") { Description = "Edge length of the cubic input (MRInet uses 198).", DefaultValueFactory = _ => 198 };
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
        var command = new Command("lrp", "Time forward and LRP relevance (preset A) of an MRInet-topology model at a cubic input.");
        command.Options.Add(cube);
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
            var result = LrpBenchmark.Run(parse.GetValue(cube), parse.GetValue(repeats), parse.GetValue(rule)!,
                parse.GetValue(cpu) ? ProviderPreference.Cpu : ProviderPreference.Auto,
                asJson ? null : line => output.WriteLine(line), parse.GetValue(signed), parse.GetValue(splitPools),
                !parse.GetValue(noFuse));
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["cube"] = result.Cube,
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
                    $"MRInet {result.Cube}³ ({(result.SignedInput ? "signed" : "non-negative")} input), {result.Composite}, {result.Provider}: forward {result.ForwardSeconds:F3} s, relevance {result.RelevanceSeconds:F3} s (×{result.RelevanceOverForward:F2}; CPU time ×{result.RelevanceOverForwardCpu:F2}), first run incl. compile {result.CompileSeconds:F3} s"));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
