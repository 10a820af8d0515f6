using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// LRP-0 with bias included equals gradient × input on ReLU/MaxPool/BatchNorm networks of both export styles; the
/// gradient comes from float64 central differences on an independent interpreter of the original graph.
/// </summary>
public sealed class GradientTimesInputTests
{
    public static TheoryData<ExportStyle, bool, NetworkHead, bool> Networks()
    {
        var data = new TheoryData<ExportStyle, bool, NetworkHead, bool>();
        foreach (var split in new[] { true, false })
        {
            data.Add(ExportStyle.PyTorch, false, NetworkHead.Flatten, split);
            data.Add(ExportStyle.PyTorch, true, NetworkHead.Flatten, split);
            data.Add(ExportStyle.PyTorch, true, NetworkHead.GlobalAveragePool, split);
            data.Add(ExportStyle.Tf2Onnx, true, NetworkHead.Flatten, split);
            data.Add(ExportStyle.Tf2Onnx, true, NetworkHead.GlobalAveragePool, split);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Lrp_zero_with_bias_equals_gradient_times_input(ExportStyle style, bool batchNorm, NetworkHead head, bool splitFirstMaxPool)
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(batchNorm, head), style);
        using var engine = RelevanceEngine.FromBytes(model, $"{style}",
            new RelevanceEngineOptions { Provider = ProviderPreference.Cpu, SplitFirstMaxPool = splitFirstMaxPool });
        var input = TinyNetworks.Input(style, (int)Analysis.Xai.Layers.Layer.Count(engine.Model.InputShape), seed: 8);

        var composite = CompositeRegistry.Create("lrp.z");
        Assert.Equal(splitFirstMaxPool, engine.UsesSplitPlan(composite));
        var result = engine.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);

        var reference = new ReferenceNetwork(model);
        var xd = input.Select(v => (double)v).ToArray();
        var prediction = reference.Run(xd, engine.Model.InputShape)[0];
        Assert.Equal(prediction, result.Prediction[0], 1e-4 * Math.Max(1, Math.Abs(prediction)));
        var gradient = reference.Gradient(xd, engine.Model.InputShape);
        var expected = gradient.Select((g, i) => g * xd[i]).ToArray();
        Assert.Contains(expected, v => Math.Abs(v) > 1e-3);
        RuleReferenceTests.AssertClose(expected, result.Relevance, 1e-4);
    }
}
