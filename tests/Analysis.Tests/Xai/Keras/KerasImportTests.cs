using System.Text.Json;
using RelevanceRelated.Analysis.Xai;
using RelevanceRelated.Analysis.Xai.Composites;
using RelevanceRelated.Analysis.Xai.Keras;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Xai.Keras;

/// <summary>
/// Keras 2 HDF5 files (written by Reference/make_keras_files.py with h5py in Keras's layout) imported to ONNX predict
/// what a NumPy float64 forward pass of the same weights predicts (keras-reference.json), and the LRP engine explains
/// them; malformed files are refused with the file, the layer and the expectation named.
/// </summary>
public sealed class KerasImportTests
{
    public static string Reference(string file) => Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Xai", "Keras", "Reference", file);

    /// <summary>The input every reference prediction used: x[i] = (i·7919 mod 1009)/1009 − 0.25 in float32, i the C-order index (channels-last).</summary>
    public static float[] ReferenceInput(int count) =>
        Enumerable.Range(0, count).Select(i => (float)(i * 7919L % 1009 / 1009.0 - 0.25)).ToArray();

    private static (int[] InputShape, double[] Prediction) Expected(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Reference("keras-reference.json")));
        var entry = json.RootElement.GetProperty(file);
        return (entry.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            entry.GetProperty("prediction").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }

    private static readonly RelevanceEngineOptions Cpu = new() { Provider = ProviderPreference.Cpu };

    [Theory]
    [InlineData("mrinet.h5")]
    [InlineData("mrinet_leaky_functional.h5")]
    [InlineData("conv6.h5")]
    [InlineData("conv2d.h5")]
    public void Imported_models_predict_what_a_float64_forward_of_the_same_weights_predicts(string file)
    {
        var (shape, prediction) = Expected(file);

        var imported = KerasImporter.Import(Reference(file));

        Assert.Equal(new[] { 1 }.Concat(shape), imported.Model.InputShape);
        Assert.Equal(InputLayout.ChannelsLast, imported.Model.Layout);
        using var engine = RelevanceEngine.FromBytes(imported.Onnx, file, Cpu);
        var actual = engine.Predict(ReferenceInput(shape.Aggregate(1, (a, b) => a * b)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(prediction.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - prediction[i]) <= 1e-5 * Math.Abs(prediction[i]), $"{file}: {actual[i]} vs {prediction[i]}");
    }

    [Fact]
    public void A_weights_only_file_with_its_architecture_in_toml_imports_as_the_full_model_does()
    {
        var (shape, prediction) = Expected("conv6_weights.h5");

        var imported = KerasImporter.Import(Reference("conv6_weights.h5"), Reference("conv6_architecture.toml"));

        Assert.True(imported.WeightsOnly);
        using var engine = RelevanceEngine.FromBytes(imported.Onnx, "conv6_weights", Cpu);
        var actual = engine.Predict(ReferenceInput(shape.Aggregate(1, (a, b) => a * b)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(Math.Abs(actual[0] - prediction[0]) <= 1e-5 * Math.Abs(prediction[0]), $"{actual[0]} vs {prediction[0]}");
        Assert.Equal(KerasImporter.Import(Reference("conv6.h5")).Network.Steps.Select(s => s.GetType()), imported.Network.Steps.Select(s => s.GetType()));
    }

    [Theory]
    [InlineData("mrinet.h5", 5, SequentialPresetComposite.PresetA)]
    [InlineData("mrinet.h5", 5, "lrp.epsilon")]
    [InlineData("conv6.h5", 2, SequentialPresetComposite.PresetB)]
    [InlineData("mrinet_leaky_functional.h5", 5, "lrp.z")]
    public void Imported_models_are_explained_with_their_blocks_fused(string file, int fusedBlocks, string rule)
    {
        var imported = KerasImporter.Import(Reference(file));
        using var fused = RelevanceEngine.FromBytes(imported.Onnx, $"{file}-fused", Cpu);
        using var graph = RelevanceEngine.FromBytes(imported.Onnx, $"{file}-graph", Cpu with { SplitFirstMaxPool = false });
        var composite = CompositeRegistry.Create(rule);
        var input = ReferenceInput((int)Analysis.Xai.Layers.Layer.Count(fused.Model.InputShape));

        var expected = graph.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);
        var actual = fused.Explain(input, composite, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(fusedBlocks, fused.FusedBlockCount(composite));
        var scale = expected.Relevance.Max(v => Math.Abs(v));
        Assert.True(scale > 0);
        for (var i = 0; i < expected.Relevance.Length; i++)
            Assert.Equal(expected.Relevance[i], actual.Relevance[i], 1e-5f * scale);
    }

    [Fact]
    public void A_weights_only_file_without_an_architecture_is_refused_naming_the_option()
    {
        var error = Assert.Throws<InvalidInputException>(() => KerasImporter.Import(Reference("conv6_weights.h5")));
        Assert.Contains("conv6_weights.h5", error.Message);
        Assert.Contains("no model_config", error.Message);
        Assert.Contains("--architecture", error.Message);
    }

    [Theory]
    [InlineData("malformed_unknown_layer.h5", "'conv2d_1' (LocallyConnected2D)", "not supported")]
    [InlineData("malformed_channels_first.h5", "'conv2d' (Conv2D)", "channels_first")]
    [InlineData("malformed_kernel_shape.h5", "'conv2d' (Conv2D)", "expected [3, 3, 2, 5]")]
    public void Malformed_files_are_refused_naming_the_file_layer_and_expectation(string file, string layer, string expectation)
    {
        var error = Assert.Throws<InvalidInputException>(() => KerasImporter.Import(Reference(file)));
        Assert.Contains(file, error.Message);
        Assert.Contains(layer, error.Message);
        Assert.Contains(expectation, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_refused()
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-keras"), "model.h5");
        File.WriteAllText(path, "not an HDF5 file");
        var error = Assert.Throws<InvalidInputException>(() => KerasImporter.Import(path));
        Assert.Contains("model.h5", error.Message);
        Assert.Contains("HDF5", error.Message);
    }

    [Theory]
    [InlineData("kernal_size = 6", "unknown key 'kernal_size'")]
    [InlineData("data_format = \"channels_first\"", "only channels_last")]
    [InlineData("filters = 5", "expected [6, 6, 6, 1, 5]")]
    public void Architecture_mistakes_are_refused_naming_the_toml_line_and_layer(string change, string expectation)
    {
        var toml = File.ReadAllText(Reference("conv6_architecture.toml"));
        // Replace the first convolution's filters line (or add the key) in the first [[layers]] table.
        var lines = toml.Split('\n').ToList();
        var filters = lines.FindIndex(l => l.StartsWith("filters = ", StringComparison.Ordinal));
        if (change.StartsWith("filters", StringComparison.Ordinal)) lines[filters] = change;
        else lines.Insert(filters + 1, change);
        var path = Path.Combine(TestData.NewTempDirectory("rr-keras"), "architecture.toml");
        File.WriteAllText(path, string.Join('\n', lines));

        var error = Assert.Throws<InvalidInputException>(() => KerasImporter.Import(Reference("conv6_weights.h5"), path));

        Assert.Contains("architecture.toml:", error.Message);
        Assert.Contains("conv3d", error.Message);
        Assert.Contains(expectation, error.Message);
    }

    [Fact]
    public void An_architecture_that_is_not_the_weights_models_is_refused()
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-keras"), "architecture.toml");
        File.WriteAllText(path, """
            input_shape = [23, 26, 21, 1]

            [[layers]]
            class_name = "Conv3D"
            name = "conv3d"
            filters = 4
            kernel_size = 6
            padding = "same"

            [[layers]]
            class_name = "GlobalAveragePooling3D"
            name = "gap"
            """);

        var error = Assert.Throws<InvalidInputException>(() => KerasImporter.Import(Reference("conv6_weights.h5"), path));

        Assert.Contains("does not have", error.Message);
        Assert.Contains("conv3d_1", error.Message);
    }

    [Fact]
    public void Keras_3_functional_configs_are_read_as_a_chain()
    {
        // Keras 3 writes inbound nodes as {"args": [keras tensor]}, the input shape as batch_shape and dtypes as policies.
        var config = """
            {"class_name": "Functional", "config": {"name": "m", "layers": [
              {"class_name": "InputLayer", "name": "img", "config": {"batch_shape": [null, 8, 9, 1], "dtype": "float32", "name": "img"}, "inbound_nodes": []},
              {"class_name": "Conv2D", "name": "c", "config": {"name": "c", "filters": 2, "kernel_size": [3, 3], "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}}},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 9, 1], "dtype": "float32", "keras_history": ["img", 0, 0]}}], "kwargs": {}}]},
              {"class_name": "Flatten", "name": "f", "config": {"name": "f"},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["c", 0, 0]}}], "kwargs": {}}]}],
              "input_layers": [["img", 0, 0]], "output_layers": ["f", 0, 0]}}
            """;

        var architecture = KerasModelConfig.Parse(config, "keras3.h5");

        Assert.Equal("img", architecture.InputName);
        Assert.Equal(new[] { 8, 9, 1 }, architecture.InputShape);
        Assert.Equal(new[] { "c", "f" }, architecture.Layers.Select(l => l.Name));
        Assert.Equal("float32", architecture.Layers[0].DataType());
    }

    [Fact]
    public void Functional_graphs_with_two_paths_are_refused()
    {
        var config = """
            {"class_name": "Functional", "config": {"name": "m", "layers": [
              {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, 4, 1], "name": "in"}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "a", "config": {"name": "a", "units": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]},
              {"class_name": "Dense", "name": "b", "config": {"name": "b", "units": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]},
              {"class_name": "Add", "name": "sum", "config": {"name": "sum"}, "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
              "input_layers": [["in", 0, 0]], "output_layers": [["sum", 0, 0]]}}
            """;

        var error = Assert.Throws<InvalidInputException>(() => KerasModelConfig.Parse(config, "branches.h5"));

        Assert.Contains("branches.h5", error.Message);
        Assert.Contains("'sum' (Add)", error.Message);
        Assert.Contains("takes 2 inputs", error.Message);
    }
}
