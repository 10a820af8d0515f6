using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// One engine serves concurrent Explain and Predict calls: results of calls running in parallel on the same compiled
/// graphs equal those of the same calls run one after another.
/// </summary>
public sealed class ConcurrentExplainTests
{
    [Theory]
    [InlineData(ExportStyle.PyTorch, true)]
    [InlineData(ExportStyle.PyTorch, false)]
    [InlineData(ExportStyle.Tf2Onnx, true)]
    public void Parallel_calls_on_one_engine_equal_sequential_calls(ExportStyle style, bool splitFirstMaxPool)
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm: true), style);
        using var engine = RelevanceEngine.FromBytes(model, $"concurrent-{style}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitFirstMaxPool = splitFirstMaxPool });
        var count = (int)Analysis.Xai.Layers.Layer.Count(engine.Model.InputShape);
        var inputs = Enumerable.Range(0, 12).Select(i => TinyNetworks.Input(style, count, seed: 100 + i)).ToArray();
        var composites = new[] { "lrp.sequential_preset_a", "lrp.epsilon" }.Select(n => CompositeRegistry.Create(n)).ToArray();
        var sequential = inputs.Select((x, i) => engine.Explain(x, composites[i % 2])).ToArray();
        var predictions = inputs.Select(x => engine.Predict(x, TestContext.Current.CancellationToken)).ToArray();

        var parallel = new RelevanceResult[inputs.Length];
        var parallelPredictions = new float[inputs.Length][];
        Parallel.For(0, 4 * inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % inputs.Length;
            if (k < inputs.Length) parallel[i] = engine.Explain(inputs[i], composites[i % 2]);
            else if (k < 2 * inputs.Length) parallelPredictions[i] = engine.Predict(inputs[i]);
            else engine.Explain(inputs[i], composites[i % 2]);
        });

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(predictions[i], parallelPredictions[i]);
            Assert.Equal(sequential[i].Prediction, parallel[i].Prediction);
            Assert.Equal(sequential[i].Relevance, parallel[i].Relevance);
        }
    }
}
