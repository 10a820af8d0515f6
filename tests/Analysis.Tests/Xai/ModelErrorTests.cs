using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Onnx;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Models and inputs LRP cannot explain are refused with a message that names the cause.</summary>
public sealed class ModelErrorTests
{
    private static readonly RelevanceEngineOptions Cpu = new() { Provider = ProviderPreference.Cpu };

    [Fact]
    public void Input_of_the_wrong_shape_names_the_expected_shape()
    {
        using var engine = RelevanceEngine.FromBytes(OnnxModelBuilder.Build(TinyNetworks.Spec(false), ExportStyle.PyTorch), "tiny.onnx", Cpu);

        var error = Assert.Throws<InvalidInputException>(() => engine.Explain(new float[6 * 6 * 6], CompositeRegistry.Create("lrp.z"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("[1, 1, 7, 8, 9]", error.Message);
        Assert.Contains("216", error.Message);
    }

    [Fact]
    public void Unsupported_operator_is_named_with_its_node()
    {
        var g = new OnnxGraphWriter("sigmoid");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, 4]);
        var w = g.Constant("w", [1f, 2f, 3f, 4f], 4, 1);
        var z = g.Node("MatMul", ["x", w], "z");
        var y = g.Node("Sigmoid", [z], "y");
        g.Output(y, TensorProto.Types.DataType.Float, [1, 1]);

        var error = Assert.Throws<InvalidInputException>(() => OnnxModelReader.Read(g.ToModel(17).ToByteArray(), "sigmoid.onnx"));

        Assert.Contains("'Sigmoid_y'", error.Message);
        Assert.Contains("operator 'Sigmoid'", error.Message);
        Assert.Contains("sigmoid.onnx", error.Message);
    }

    [Fact]
    public void Softmax_output_is_refused_and_named()
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(false) with { Outputs = 3, FinalSoftmax = true }, ExportStyle.PyTorch);

        var error = Assert.Throws<InvalidInputException>(() => OnnxModelReader.Read(model, "classifier.onnx"));

        Assert.Contains("(Softmax)", error.Message);
        Assert.Contains("Softmax_softmax", error.Message);
    }

    [Fact]
    public void Softmax_output_can_be_stripped_to_explain_the_scores()
    {
        var model = OnnxModelBuilder.Build(TinyNetworks.Spec(false) with { Outputs = 3, FinalSoftmax = true }, ExportStyle.PyTorch);
        using var engine = RelevanceEngine.FromBytes(model, "classifier.onnx", Cpu with { StripSoftmax = true });
        var input = TinyNetworks.Input(ExportStyle.PyTorch, 7 * 8 * 9, seed: 1);

        var result = engine.Explain(input, CompositeRegistry.Create("lrp.z"), RelevanceStart.Neuron(2), cancellationToken: TestContext.Current.CancellationToken);

        var scores = new ReferenceNetwork(OnnxModelBuilder.Build(TinyNetworks.Spec(false) with { Outputs = 3 }, ExportStyle.PyTorch))
            .Run(input.Select(v => (double)v).ToArray(), [1, 1, 7, 8, 9]);
        Assert.Equal(scores[2], result.Prediction[2], 1e-4);
        Assert.Equal(scores[2], result.RelevanceSum, 0.05 * Math.Abs(scores[2]) + 0.05);
    }

    [Fact]
    public void Model_with_two_outputs_is_refused()
    {
        var g = new OnnxGraphWriter("two");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, 2]);
        var a = g.Node("Relu", ["x"], "a");
        var b = g.Node("Identity", [a], "b");
        g.Output(a, TensorProto.Types.DataType.Float, [1, 2]);
        g.Output(b, TensorProto.Types.DataType.Float, [1, 2]);

        var error = Assert.Throws<InvalidInputException>(() => OnnxModelReader.Read(g.ToModel(17).ToByteArray(), "two.onnx"));

        Assert.Contains("2 graph outputs", error.Message);
    }

    [Fact]
    public void Opset_outside_13_to_21_is_refused()
    {
        var model = OnnxModelBuilder.BuildModel(TinyNetworks.Spec(false), ExportStyle.PyTorch);
        model.OpsetImport[0].Version = 11;

        var error = Assert.Throws<InvalidInputException>(() => OnnxModelReader.Read(model.ToByteArray(), "old.onnx"));

        Assert.Contains("opset 11", error.Message);
    }

    [Fact]
    public void Unknown_rule_lists_the_known_ones()
    {
        var error = Assert.Throws<InvalidInputException>(() => CompositeRegistry.Create("lrp.nonsense"));

        Assert.Contains("lrp.sequential_preset_a", error.Message);
    }
}
