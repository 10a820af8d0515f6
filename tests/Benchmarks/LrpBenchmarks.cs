using BenchmarkDotNet.Attributes;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Forward pass and LRP relevance (preset A) of an MRInet-topology model with seeded weights at a cubic input,
/// both on ONNX Runtime (CUDA when available). The PyTorch peer (gradient × input, all cores) is
/// reference/pytorch_gradient_x_input.py. Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*Lrp*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class LrpBenchmarks
{
    private RelevanceEngine _engine = null!;
    private Composite _presetA = null!;
    private float[] _input = null!;

    [Params(198)]
    public int Cube { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = OnnxModelBuilder.Build(NetworkSpec.MriNet(Cube, seed: 1), ExportStyle.PyTorch);
        _engine = RelevanceEngine.FromBytes(model, $"mrinet-{Cube}");
        _presetA = CompositeRegistry.Create(SequentialPresetComposite.PresetA);
        var random = new Random(7);
        _input = Enumerable.Range(0, Cube * Cube * Cube).Select(_ => random.NextSingle()).ToArray(); // like a normalised T1
        _engine.Explain(_input, _presetA); // compile and cache the relevance graph outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public float[] Forward() => _engine.Predict(_input);

    [Benchmark]
    public float[] RelevancePresetA() => _engine.Explain(_input, _presetA).Relevance;
}
