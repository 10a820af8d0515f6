using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// Average pooling is explained with the z-rule, so a ReLU network with average pooling still satisfies
/// LRP-0 = gradient × input, with the divisor counting padding or not.
/// </summary>
public sealed class AveragePoolTests
{
    private static byte[] Model(bool countIncludePad)
    {
        var random = new Random(17);
        var g = new OnnxGraphWriter("avg");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, 1, 6, 7, 5]);
        var w = g.Constant("w", OnnxModelBuilder.Normal(random, 3 * 27, 0.5), 3, 1, 3, 3, 3);
        var b = g.Constant("b", OnnxModelBuilder.Normal(random, 3, 0.1), 3);
        var conv = g.Node("Conv", ["x", w, b], "conv", OnnxAttributes.MakeInts("kernel_shape", new[] { 3, 3, 3 }), OnnxAttributes.MakeInts("pads", new[] { 1, 1, 1, 1, 1, 1 }));
        var relu = g.Node("Relu", [conv], "relu");
        var pool = g.Node("AveragePool", [relu], "pool",
            OnnxAttributes.MakeInts("kernel_shape", new[] { 3, 3, 3 }), OnnxAttributes.MakeInts("strides", new[] { 2, 2, 2 }),
            OnnxAttributes.MakeInts("pads", new[] { 1, 1, 1, 1, 1, 1 }), OnnxAttributes.MakeInt("count_include_pad", countIncludePad ? 1 : 0));
        var flat = g.Node("Flatten", [pool], "flat");
        var features = 3 * 3 * 4 * 3;
        var y = g.Node("Gemm", [flat, g.Constant("fc", OnnxModelBuilder.Normal(random, features, 0.3), 1, features), g.Constant("fb", [0.2f], 1)], "y",
            OnnxAttributes.MakeInt("transB", 1));
        g.Output(y, TensorProto.Types.DataType.Float, [1, 1]);
        return g.ToModel(17).ToByteArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lrp_zero_through_average_pooling_equals_gradient_times_input(bool countIncludePad)
    {
        var model = Model(countIncludePad);
        using var engine = RelevanceEngine.FromBytes(model, "avg", new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        var input = OnnxModelBuilder.Normal(new Random(4), 6 * 7 * 5, 1.0);

        var result = engine.Explain(input, CompositeRegistry.Create("lrp.z"), cancellationToken: TestContext.Current.CancellationToken);

        var reference = new ReferenceNetwork(model);
        var xd = input.Select(v => (double)v).ToArray();
        Assert.Equal(reference.Run(xd, [1, 1, 6, 7, 5])[0], result.Prediction[0], 1e-4);
        var expected = reference.Gradient(xd, [1, 1, 6, 7, 5]).Select((g, i) => g * xd[i]).ToArray();
        RuleReferenceTests.AssertClose(expected, result.Relevance, 1e-4);
    }
}
