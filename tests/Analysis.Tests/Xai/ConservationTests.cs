using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>With the bias ignored, LRP-0 and z⁺ conserve relevance: Σ R_in = Σ R_out for each layer and so for the network.</summary>
public sealed class ConservationTests
{
    public static TheoryData<string, string> Layers()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in new[] { "lrp.z_IB", "lrp.z_plus_IB" })
        foreach (var layer in new[] { "conv", "dense" })
            data.Add(rule, layer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Single_layer_conserves_relevance(string rule, string layer)
    {
        var model = layer == "conv"
            ? OnnxModelBuilder.SingleConvolution(2, 4, [5, 5, 5], kernel: 3, stride: 1, pad: 1, bias: true, seed: 21)
            : OnnxModelBuilder.SingleDense(30, 5, bias: true, seed: 22);
        using var engine = RelevanceEngine.FromBytes(model, layer, new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        var input = OnnxModelBuilder.Normal(new Random(2), (int)Analysis.Xai.Layers.Layer.Count(engine.Model.InputShape), 1.0);
        // Positive relevance at every output, so that every output's share is visible in the sum.
        var result = engine.Explain(input, CompositeRegistry.Create(rule), RelevanceStart.Ones, cancellationToken: TestContext.Current.CancellationToken);

        var outputs = result.Prediction.Length;
        Assert.Equal(outputs, result.RelevanceSum, 1e-4 * outputs);
    }

    public static TheoryData<ExportStyle, string, bool> Networks()
    {
        var data = new TheoryData<ExportStyle, string, bool>();
        foreach (var style in new[] { ExportStyle.PyTorch, ExportStyle.Tf2Onnx })
        foreach (var rule in new[] { "lrp.z_IB", "lrp.z_plus_IB" })
        foreach (var split in new[] { true, false })
            data.Add(style, rule, split);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Network_without_biases_conserves_the_prediction(ExportStyle style, string rule, bool splitFirstMaxPool)
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm: false), style);
        using var engine = RelevanceEngine.FromBytes(model, $"{style}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitFirstMaxPool = splitFirstMaxPool });
        var input = TinyNetworks.Input(style, (int)Analysis.Xai.Layers.Layer.Count(engine.Model.InputShape), seed: 4);

        var result = engine.Explain(input, CompositeRegistry.Create(rule), cancellationToken: TestContext.Current.CancellationToken);

        // Only units that are active carry relevance, and with biases ignored each layer hands on exactly what it
        // received; the remaining loss is what flows into units with no positive (z⁺) or any (LRP-0) input.
        var prediction = result.Prediction[0];
        Assert.NotEqual(0f, prediction);
        Assert.Equal(prediction, result.RelevanceSum, 1e-3 * Math.Abs(prediction));
    }
}
