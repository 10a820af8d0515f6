using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// One session per base model: prediction and relevance share it, a model LRP cannot read still predicts, and the
/// output transforms see what the graph ends in.
/// </summary>
public sealed class BaseModelTests
{
    private static readonly int[] Grid = [98, 98, 98];

    private static string Write(string dir, string name, NetworkSpec spec, ExportStyle style = ExportStyle.PyTorch)
    {
        var path = Path.Combine(dir, name + ".onnx");
        File.WriteAllBytes(path, OnnxModelBuilder.Build(spec, style));
        return path;
    }

    private static NetworkSpec Small(int outputs = 1, bool softmax = false) => new()
    {
        InputSize = Grid,
        Blocks = [new ConvBlock(2, 3)],
        Head = NetworkHead.GlobalAveragePool,
        Outputs = outputs,
        FinalRelu = false,
        FinalSoftmax = softmax,
        Seed = 5,
    };

    private static ModelConfig Entry(IReadOnlyList<string> files, ModelOutput? output = null, string normalisation = "unit") =>
        TestModelConfig.Of("m", files, "RAS", 2.0, 98, normalisation) with { Output = output ?? ModelOutput.Identity };

    private static RelevanceRelatedConfig Configuration(ModelConfig model)
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        var loaded = ConfigurationLoader.Load(dir, []);
        return loaded.Config with { Models = new Dictionary<string, ModelConfig> { [model.Name] = model } };
    }

    [Fact]
    public void The_registry_explains_with_the_base_models_it_predicts_with()
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        using var registry = new ModelRegistry(Configuration(Entry([Write(dir, "a", Small())])));
        using var native = ModelTestVolumes.Ixi();

        var ensemble = registry.BrainAge("m");
        var explainer = registry.Explainer("m");
        using var run = ensemble.Run(native, cancellationToken: TestContext.Current.CancellationToken);
        using var relevance = explainer.Explain(run, "lrp.epsilon", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Same(ensemble, explainer.Ensemble);
        Assert.True(ensemble.BaseModels[0].Explainable);
        // ε-LRP conserves the prediction (up to the bias terms' share): relevance and prediction come from one forward.
        Assert.NotEqual(0, relevance.BaseModelSums[0]);
    }

    [Fact]
    public void A_model_lrp_cannot_read_still_predicts_and_refuses_explanation_with_the_reason()
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        var plain = Write(dir, "plain", Small());
        // The same network with a Tanh at the end: ONNX Runtime runs it, the LRP engine does not support Tanh.
        var model = OnnxReaderCopy(plain, Path.Combine(dir, "tanh.onnx"));
        using var native = ModelTestVolumes.Ixi();
        using var ensemble = BrainAgeEnsemble.Load(Entry([model]));
        using var reference = BrainAgeEnsemble.Load(Entry([plain]));

        using var run = ensemble.Run(native, cancellationToken: TestContext.Current.CancellationToken);
        using var plainRun = reference.Run(native, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(ensemble.BaseModels[0].Explainable);
        Assert.Equal(Math.Tanh(plainRun.Prediction.Ensemble), run.Prediction.Ensemble, 5);
        using var explainer = new BrainAgeExplainer(ensemble);
        var e = Assert.Throws<InvalidInputException>(() => explainer.Explain(run, "lrp.epsilon", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("models.m: tanh.onnx predicts but cannot be explained by LRP", e.Message);
        Assert.Contains("Tanh", e.Message);
    }

    [Fact]
    public void Soft_bins_of_a_graph_ending_in_softmax_are_read_as_probabilities()
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        var logits = Write(dir, "logits", Small(outputs: 3));
        var probabilities = Write(dir, "probabilities", Small(outputs: 3, softmax: true));
        var bins = new ModelOutput(OutputKind.SoftBins, BinCentres: [30, 50, 70]);
        using var native = ModelTestVolumes.Ixi();
        using var fromLogits = BrainAgeEnsemble.Load(Entry([logits], bins));
        using var fromProbabilities = BrainAgeEnsemble.Load(Entry([probabilities], bins));

        using var a = fromLogits.Run(native, cancellationToken: TestContext.Current.CancellationToken);
        using var b = fromProbabilities.Run(native, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(fromLogits.BaseModels[0].OutputsProbabilities);
        Assert.True(fromProbabilities.BaseModels[0].OutputsProbabilities);
        Assert.InRange(a.Prediction.Ensemble, 30, 70);
        Assert.Equal(a.Prediction.Ensemble, b.Prediction.Ensemble, 4);
    }

    [Fact]
    public void An_affine_output_applies_to_every_base_model_before_the_head()
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        string[] files = [Write(dir, "a", Small()), Write(dir, "b", Small() with { Seed = 6 })];
        using var native = ModelTestVolumes.Ixi();
        using var identity = BrainAgeEnsemble.Load(Entry(files));
        var affine = Entry(files, new ModelOutput(OutputKind.Affine, Scale: 2, Offset: 22)) with { Head = new ModelHead(HeadKind.Linear, 1, [0.25, 0.75]) };
        using var shifted = BrainAgeEnsemble.Load(affine);

        using var raw = identity.Run(native, cancellationToken: TestContext.Current.CancellationToken);
        using var run = shifted.Run(native, cancellationToken: TestContext.Current.CancellationToken);

        for (var i = 0; i < 2; i++) Assert.Equal(2 * raw.Prediction.BaseModels[i] + 22, run.Prediction.BaseModels[i], 9);
        Assert.Equal(1 + 0.25 * run.Prediction.BaseModels[0] + 0.75 * run.Prediction.BaseModels[1], run.Prediction.Ensemble, 9);
    }

    [Fact]
    public void Raw_intensities_enter_a_uint8_model_truncated_as_numpy_casts_them()
    {
        var dir = TestData.NewTempDirectory("rr-base-model");
        // output = mean of the uint8 input: the truncation of 2.75 → 2 shows against rounding (3).
        var model = TinyOnnxNetworks.WriteRegressor(dir, "keras", Grid, [1], [0], tf2onnx: true);
        using var ensemble = BrainAgeEnsemble.Load(Entry([model], normalisation: "raw"));
        using var input = new Volume(Grid, Affine.Scaling(2, 2, 2));
        input.Data.Fill(2.75f);
        input.Data[0] = -3;
        input.Data[1] = 300;

        var prediction = ensemble.Predict(input, cancellationToken: TestContext.Current.CancellationToken);

        var expected = (2.0 * (input.VoxelCount - 2) + 0 + 255) / input.VoxelCount;
        Assert.Equal(expected, prediction.Ensemble, 4);
    }

    /// <summary>Copies an ONNX file with a Tanh appended to its output.</summary>
    private static string OnnxReaderCopy(string source, string target)
    {
        var model = OnnxModelReader.Parse(File.ReadAllBytes(source), source);
        var graph = model.Graph;
        var output = graph.Output[0];
        var tanh = new Onnx.NodeProto { OpType = "Tanh", Name = "tanh" };
        tanh.Input.Add(output.Name);
        tanh.Output.Add("tanh_out");
        graph.Node.Add(tanh);
        output.Name = "tanh_out";
        File.WriteAllBytes(target, Google.Protobuf.MessageExtensions.ToByteArray(model));
        return target;
    }
}
