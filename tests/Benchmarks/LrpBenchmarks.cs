using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Forward pass and LRP relevance (ε, preset A, preset B) of the two `bench lrp` topologies with seeded weights:
/// MRInet at 198³ (PyTorch export, float input like a normalised T1) and the tf2onnx conv6 CNN at 82 × 86 × 100
/// (uint8 input). The PyTorch peer (gradient × input, all cores) is reference/pytorch_gradient_x_input.py.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*Lrp*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class LrpBenchmarks
{
    private RelevanceEngine _engine = null!;
    private Composite _epsilon = null!, _presetA = null!, _presetB = null!;
    private float[] _input = null!;

    [Params(LrpTopology.MriNet, LrpTopology.Conv6)]
    public LrpTopology Topology { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var size = LrpBenchmark.DefaultInputSize(Topology);
        var model = Topology == LrpTopology.MriNet
            ? OnnxModelBuilder.Build(NetworkSpec.MriNet(size[0], seed: 1), ExportStyle.PyTorch)
            : OnnxModelBuilder.Build(NetworkSpec.Conv6(size, seed: 1), ExportStyle.Tf2Onnx);
        _engine = RelevanceEngine.FromBytes(model, Topology.ToString());
        _epsilon = CompositeRegistry.Create("lrp.epsilon");
        _presetA = CompositeRegistry.Create(SequentialPresetComposite.PresetA);
        _presetB = CompositeRegistry.Create(SequentialPresetComposite.PresetB);
        var random = new Random(7);
        var voxels = size.Aggregate(1, (a, b) => a * b);
        // A normalised T1 for MRInet, raw uint8 intensities for the tf2onnx model.
        _input = Topology == LrpTopology.MriNet
            ? Enumerable.Range(0, voxels).Select(_ => random.NextSingle()).ToArray()
            : Enumerable.Range(0, voxels).Select(_ => (float)random.Next(0, 256)).ToArray();
        // Compile and cache the relevance graphs outside the measurement.
        foreach (var composite in new[] { _epsilon, _presetA, _presetB }) _engine.Explain(_input, composite);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public float[] Forward() => _engine.Predict(_input);

    [Benchmark]
    public float[] RelevanceEpsilon() => _engine.Explain(_input, _epsilon).Relevance;

    [Benchmark]
    public float[] RelevancePresetA() => _engine.Explain(_input, _presetA).Relevance;

    [Benchmark]
    public float[] RelevancePresetB() => _engine.Explain(_input, _presetB).Relevance;
}
