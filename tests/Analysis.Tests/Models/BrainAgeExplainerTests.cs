using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class BrainAgeExplainerTests
{
    private static string Build(string dir, string name, ExportStyle style, int seed)
    {
        var spec = new NetworkSpec
        {
            InputSize = [198, 198, 198],
            Blocks = [new ConvBlock(4, 3)],
            Head = NetworkHead.GlobalAveragePool,
            Hidden = [8],
            FinalRelu = false,
            Seed = seed,
        };
        var path = Path.Combine(dir, name + ".onnx");
        File.WriteAllBytes(path, OnnxModelBuilder.Build(spec, style));
        return path;
    }

    /// <summary>A two-model sub-ensemble on the 198³ LIA grid, built into a new temporary directory.</summary>
    private static ModelConfig TwoModels(ExportStyle style, string normalisation)
    {
        var dir = TestData.NewTempDirectory("rr-explain");
        string[] files = [Build(dir, "a", style, 3), Build(dir, "b", style, 4)];
        return TestModelConfig.Of("t1_lia", files, "LIA", 1.0, 198, normalisation, "linear", 1.0, [0.5, 0.5]);
    }

    [Theory]
    [InlineData(ExportStyle.PyTorch, "unit")]
    [InlineData(ExportStyle.Tf2Onnx, "uint8")]
    public void Relevance_of_several_builder_models_is_averaged_into_the_native_grid(ExportStyle style, string normalisation)
    {
        var config = TwoModels(style, normalisation);
        using var native = ModelTestVolumes.Ixi();
        using var ensemble = BrainAgeEnsemble.Load(config);
        using var explainer = BrainAgeExplainer.Load(config);

        using var run = ensemble.Run(native, 46.71, cancellationToken: TestContext.Current.CancellationToken);
        using var relevance = explainer.Explain(run, "lrp.z", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, relevance.BaseModelSums.Count);
        Assert.All(run.Prediction.BaseModels, p => Assert.NotEqual(0, p));
        var map = relevance.NativeMap;
        Assert.Equal(native.Shape.ToArray(), map.Shape.ToArray());
        Assert.Equal(native.Affine, map.Affine);
        // LRP-z puts relevance only on non-zero inputs, and the 198³ cube keeps every brain voxel: the native map
        // holds the whole mean relevance, and nothing outside the brain.
        double sum = 0, outside = 0;
        for (var i = 0; i < native.VoxelCount; i++)
        {
            sum += map.Data[i];
            if (native.Data[i] == 0) outside += Math.Abs(map.Data[i]);
        }
        var expected = relevance.BaseModelSums.Average();
        Assert.NotEqual(0, expected);
        Assert.True(Math.Abs(sum - expected) <= 1e-3 * Math.Abs(expected) + 1e-6, $"native sum {sum} vs mean base-model sum {expected}");
        Assert.Equal(0, outside);
    }

    [Fact]
    public void Concurrent_explanations_on_one_explainer_equal_a_sequential_one()
    {
        // The cohort service runs several subjects' relevance stages on one silo's explainer at once.
        var config = TwoModels(ExportStyle.PyTorch, "unit");
        using var native = ModelTestVolumes.Ixi();
        using var ensemble = BrainAgeEnsemble.Load(config);
        using var explainer = BrainAgeExplainer.Load(config);
        using var run = ensemble.Run(native, 46.71, cancellationToken: TestContext.Current.CancellationToken);
        using var sequential = explainer.Explain(run, "lrp.sequential_preset_a", cancellationToken: TestContext.Current.CancellationToken);

        var concurrent = new SubEnsembleRelevanceResult[3];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrent.Length },
            i => concurrent[i] = explainer.Explain(run, "lrp.sequential_preset_a"));

        foreach (var result in concurrent)
            using (result)
            {
                Assert.Equal(sequential.BaseModelSums, result.BaseModelSums);
                Assert.Equal(sequential.NativeMap.Data.ToArray(), result.NativeMap.Data.ToArray());
            }
    }
}
