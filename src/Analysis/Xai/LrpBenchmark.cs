using System.Diagnostics;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>Medians of forward and relevance times of one composite on an MRInet-topology model.</summary>
public sealed record LrpBenchmarkResult(
    int Cube,
    bool SignedInput,
    string Composite,
    string Provider,
    int Repeats,
    double ForwardSeconds,
    double RelevanceSeconds,
    double CompileSeconds,
    int SplitPools,
    double ForwardCpuSeconds,
    double RelevanceCpuSeconds,
    int FusedBlocks = 0)
{
    /// <summary>Relevance time over forward time (the goal: ≤ 3).</summary>
    public double RelevanceOverForward => RelevanceSeconds / ForwardSeconds;

    /// <summary>The same ratio in processor time of the whole process (steadier than wall time on a shared machine).</summary>
    public double RelevanceOverForwardCpu => RelevanceCpuSeconds / ForwardCpuSeconds;
}

/// <summary>
/// Times `bench lrp`: builds MRInet's topology with seeded weights at a cubic input, runs the original model
/// (forward) and the compiled relevance graph, after one warm-up run each, and reports the medians.
/// </summary>
public static class LrpBenchmark
{
    /// <param name="signedInput">
    /// Feed standard-normal voxels (negative values too) instead of uniform [0, 1) ones like a normalised T1; signed
    /// inputs make sign-splitting first-layer rules (α1β0 of preset A) compute both x⁺ and x⁻ halves.
    /// </param>
    public static LrpBenchmarkResult Run(int cube, int repeats = 3, string composite = SequentialPresetComposite.PresetA,
        ProviderPreference provider = ProviderPreference.Auto, Action<string>? log = null, bool signedInput = false,
        int splitPools = RelevanceEngineOptions.DefaultSplitMaxPools, bool fuseConvBlocks = true)
    {
        if (splitPools < 0) throw new InvalidInputException($"--split-pools {splitPools}: 0 or more.");
        if (cube < 8) throw new InvalidInputException($"--cube {cube}: at least 8 voxels are needed for MRInet's five poolings.");
        if (repeats < 1) throw new InvalidInputException($"--repeats {repeats}: at least 1 is needed.");
        var model = OnnxModelBuilder.Build(NetworkSpec.MriNet(cube, seed: 1), ExportStyle.PyTorch);
        using var engine = RelevanceEngine.FromBytes(model, $"mrinet-{cube}", new RelevanceEngineOptions
        {
            Provider = provider,
            Log = log,
            SplitFirstMaxPool = splitPools > 0,
            SplitMaxPools = Math.Max(1, splitPools),
            FuseConvBlocks = fuseConvBlocks,
        });
        var rules = CompositeRegistry.Create(composite);
        var random = new Random(7);
        var input = signedInput
            ? OnnxModelBuilder.Normal(random, cube * cube * cube, 1.0)
            : Enumerable.Range(0, cube * cube * cube).Select(_ => random.NextSingle()).ToArray();

        var clock = Stopwatch.StartNew();
        engine.Explain(input, rules);
        var compile = clock.Elapsed.TotalSeconds;
        engine.Predict(input);

        var forward = new double[repeats];
        var relevance = new double[repeats];
        var forwardCpu = new double[repeats];
        var relevanceCpu = new double[repeats];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            var cpu = CpuSeconds(process);
            clock.Restart();
            engine.Predict(input);
            forward[i] = clock.Elapsed.TotalSeconds;
            forwardCpu[i] = CpuSeconds(process) - cpu;
            cpu = CpuSeconds(process);
            clock.Restart();
            engine.Explain(input, rules);
            relevance[i] = clock.Elapsed.TotalSeconds;
            relevanceCpu[i] = CpuSeconds(process) - cpu;
            log?.Invoke($"run {i + 1}/{repeats}: forward {forward[i]:F3} s ({forwardCpu[i]:F3} s CPU), relevance {relevance[i]:F3} s ({relevanceCpu[i]:F3} s CPU)");
        }
        return new LrpBenchmarkResult(cube, signedInput, composite, engine.Provider, repeats, Median(forward), Median(relevance), compile, splitPools,
            Median(forwardCpu), Median(relevanceCpu), splitPools > 0 ? engine.FusedBlockCount(rules) : 0);
    }

    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
