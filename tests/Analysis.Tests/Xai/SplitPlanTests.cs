using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Routing one, two or all max poolings in C# gives the single graph's prediction and relevance.</summary>
public sealed class SplitPlanTests
{
    [Theory]
    [InlineData(ExportStyle.PyTorch, 1)]
    [InlineData(ExportStyle.PyTorch, 2)]
    [InlineData(ExportStyle.PyTorch, 5)]
    [InlineData(ExportStyle.Tf2Onnx, 2)]
    public void Split_plan_equals_the_single_graph(ExportStyle style, int splitMaxPools)
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm: true), style);
        using var single = RelevanceEngine.FromBytes(model, $"single-{style}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitFirstMaxPool = false });
        using var split = RelevanceEngine.FromBytes(model, $"split-{style}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitMaxPools = splitMaxPools });
        var input = TinyNetworks.Input(style, (int)Analysis.Xai.Layers.Layer.Count(single.Model.InputShape), seed: 9);
        var composite = CompositeRegistry.Create("lrp.sequential_preset_a");

        var expected = single.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);
        var actual = split.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(split.UsesSplitPlan(composite));
        Assert.Equal(expected.Prediction[0], actual.Prediction[0], 1e-5f);
        var scale = expected.Relevance.Max(v => Math.Abs(v));
        Assert.True(scale > 0);
        for (var i = 0; i < expected.Relevance.Length; i++)
            Assert.Equal(expected.Relevance[i], actual.Relevance[i], 1e-5f * scale);
    }
}
