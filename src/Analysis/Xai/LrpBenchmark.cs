using System.Diagnostics;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai;

/// <summary>The network `bench lrp` times.</summary>
public enum LrpTopology
{
    /// <summary><see cref="NetworkSpec.MriNet"/> as PyTorch exports it (float input, 3³ kernels, max pools 3³/2).</summary>
    MriNet,

    /// <summary><see cref="NetworkSpec.Conv6"/> as tf2onnx exports it (uint8 input, 6³ kernels, max pools 2³/2, BatchNorm after each pool, GAP).</summary>
    Conv6,
}

/// <summary>Medians of forward and relevance times of one composite on a seeded model of a benchmark topology.</summary>
public sealed record LrpBenchmarkResult(
    LrpTopology Topology,
    int[] InputSize,
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
    /// <summary>Relevance time over forward time (the issue's goal: ≤ 3).</summary>
    public double RelevanceOverForward => RelevanceSeconds / ForwardSeconds;

    /// <summary>The same ratio in processor time of the whole process (steadier than wall time on a shared machine).</summary>
    public double RelevanceOverForwardCpu => RelevanceCpuSeconds / ForwardCpuSeconds;
}

/// <summary>
/// Times `bench lrp`: builds a benchmark topology with seeded weights, runs the original model (forward) and the
/// compiled relevance graph, after one warm-up run each, and reports the medians.
/// </summary>
public static class LrpBenchmark
{
    /// <summary>The input size a topology is timed at unless another is given: MRInet's 198³, the tf2onnx CNN's 82 × 86 × 100.</summary>
    public static int[] DefaultInputSize(LrpTopology topology) =>
        topology == LrpTopology.MriNet ? [198, 198, 198] : NetworkSpec.Conv6InputSize.ToArray();

    /// <summary>
    /// The ONNX bytes of a benchmark topology at <paramref name="size"/> (D, H, W) with weights drawn from
    /// <paramref name="seed"/>: untrained, so its predictions mean nothing; it costs what a trained model of the
    /// same shape costs (time and memory).
    /// </summary>
    public static byte[] BuildModel(LrpTopology topology, int[] size, int seed)
    {
        // MRInet pools five times (SAME), conv6 four times without padding.
        var smallest = topology == LrpTopology.MriNet ? 8 : 16;
        if (size.Length != 3 || size.Any(s => s < smallest))
            throw new InvalidInputException($"--size {string.Join(",", size)}: three sizes of at least {smallest} voxels are needed for the {topology} topology's poolings.");
        return topology == LrpTopology.MriNet
            ? OnnxModelBuilder.Build(NetworkSpec.MriNet(size[0], seed) with { InputSize = size }, ExportStyle.PyTorch)
            : OnnxModelBuilder.Build(NetworkSpec.Conv6(size, seed), ExportStyle.Tf2Onnx);
    }

    /// <param name="inputSize">The spatial input (D, H, W); null for <see cref="DefaultInputSize"/>.</param>
    /// <param name="signedInput">
    /// Feed standard-normal voxels (negative values too) instead of uniform [0, 1) ones like a normalised T1; signed
    /// inputs make sign-splitting first-layer rules (α1β0 of preset A) compute both x⁺ and x⁻ halves. The conv6
    /// topology takes uint8 voxels (uniform 0–255), which are never signed.
    /// </param>
    public static LrpBenchmarkResult Run(LrpTopology topology, int[]? inputSize = null, int repeats = 3, string composite = SequentialPresetComposite.PresetA,
        ProviderPreference provider = ProviderPreference.Auto, Action<string>? log = null, bool signedInput = false,
        int splitPools = RelevanceEngineOptions.DefaultSplitMaxPools, bool fuseConvBlocks = true)
    {
        var size = inputSize ?? DefaultInputSize(topology);
        if (splitPools < 0) throw new InvalidInputException($"--split-pools {splitPools}: 0 or more.");
        if (repeats < 1) throw new InvalidInputException($"--repeats {repeats}: at least 1 is needed.");
        if (signedInput && topology == LrpTopology.Conv6) throw new InvalidInputException("--signed-input: the conv6 topology takes uint8 voxels, which are never negative.");
        var model = BuildModel(topology, size, seed: 1);
        var voxels = size[0] * size[1] * size[2];
        using var engine = RelevanceEngine.FromBytes(model, $"{topology}-{string.Join("x", size)}", new RelevanceEngineOptions
        {
            Provider = provider,
            Log = log,
            SplitFirstMaxPool = splitPools > 0,
            SplitMaxPools = Math.Max(1, splitPools),
            FuseConvBlocks = fuseConvBlocks,
        });
        var rules = CompositeRegistry.Create(composite);
        var random = new Random(7);
        var input = topology == LrpTopology.Conv6 ? Enumerable.Range(0, voxels).Select(_ => (float)random.Next(0, 256)).ToArray()
            : signedInput ? OnnxModelBuilder.Normal(random, voxels, 1.0)
            : Enumerable.Range(0, voxels).Select(_ => random.NextSingle()).ToArray();

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
        return new LrpBenchmarkResult(topology, size, signedInput, composite, engine.Provider, repeats, Median(forward), Median(relevance), compile, splitPools,
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
