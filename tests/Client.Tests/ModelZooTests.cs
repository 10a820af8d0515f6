using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>
/// The model zoo (configs/models/*.toml): never merged by default, and each entry passes `config check` once files of
/// the model it describes (input type, layout, grid, outputs) exist where it says.
/// </summary>
public sealed class ModelZooTests
{
    private static readonly string Configs = Path.Combine(TestData.RepositoryRoot, "configs");

    private sealed record Model(TensorProto.Types.DataType Type, bool ChannelsLast, int[] Grid, int Outputs);

    /// <summary>What each zoo entry's model file takes and gives (docs/model-zoo.md).</summary>
    private static readonly Dictionary<string, Model> Zoo = new(StringComparer.Ordinal)
    {
        ["mrinet_t1.toml"] = new(TensorProto.Types.DataType.Float, true, [198, 198, 198], 1),
        ["mrinet_flair.toml"] = new(TensorProto.Types.DataType.Float, true, [198, 198, 198], 1),
        ["mrinet_swi.toml"] = new(TensorProto.Types.DataType.Float, true, [198, 198, 198], 1),
        ["sfcn_soft_bins.toml"] = new(TensorProto.Types.DataType.Float, false, [160, 192, 160], 40),
        ["tf2onnx_conv6.toml"] = new(TensorProto.Types.DataType.Uint8, true, [82, 100, 86], 1),
    };

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var name in Zoo.Keys.Order(StringComparer.Ordinal)) data.Add(name);
        return data;
    }

    [Fact]
    public void Every_zoo_file_is_described_here_and_none_is_merged_by_default()
    {
        var files = Directory.GetFiles(Path.Combine(Configs, "models"), "*.toml").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(Zoo.Keys.Order(StringComparer.Ordinal), files);
        Assert.DoesNotContain(ConfigurationLoader.DiscoverFiles(Configs), f => f.Contains(Path.Combine("configs", "models"), StringComparison.Ordinal));
        Assert.All(Zoo.Keys, name => Assert.False(name.EndsWith("config.toml", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_zoo_entry_passes_config_check_once_its_files_exist_and_names_them_until_then(string name)
    {
        // The entry's paths are relative to configs/models/: a copy there in a temporary tree keeps them meaningful.
        var root = TestData.NewTempDirectory("rr-zoo");
        var zoo = Path.Combine(root, "configs", "models");
        Directory.CreateDirectory(zoo);
        var entry = Path.Combine(zoo, name);
        File.Copy(Path.Combine(Configs, "models", name), entry);
        var files = TomlFileReader.Read(entry).Single(e => e.KeyPath.EndsWith(".files", StringComparison.Ordinal));
        var paths = ((IReadOnlyList<object>)files.Value).Select(f => Path.GetFullPath(Path.Combine(zoo, (string)f))).ToArray();

        var missing = ConsoleRunner.Run("--config-dir", Configs, "--config", entry, "config", "check");
        foreach (var path in paths) WriteModel(path, Zoo[name]);
        var present = ConsoleRunner.Run("--config-dir", Configs, "--config", entry, "config", "check");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"expected an existing file, but {paths[0]} does not exist", missing.Error);
        Assert.True(present.ExitCode == 0, present.Error);
        Assert.Contains($"{files.KeyPath[..^".files".Length]}: {paths.Length} file(s) open and fit the entry", present.Output);
    }

    /// <summary>A regressor of the zoo entry's input and output shape: global average pool, then a dense layer.</summary>
    private static void WriteModel(string path, Model model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var g = new OnnxGraphWriter("zoo");
        g.Reserve("input");
        g.Input("input", model.Type, model.ChannelsLast ? [-1, .. model.Grid.Select(d => (long)d), 1] : [-1, 1, .. model.Grid.Select(d => (long)d)]);
        var x = model.Type == TensorProto.Types.DataType.Uint8
            ? g.Node("Cast", ["input"], "cast", OnnxAttributes.MakeInt("to", (long)TensorProto.Types.DataType.Float))
            : "input";
        if (model.ChannelsLast) x = g.Node("Transpose", [x], "channels_first", OnnxAttributes.MakeInts("perm", new[] { 0, 4, 1, 2, 3 }));
        x = g.Node("GlobalAveragePool", [x], "gap");
        x = g.Node("Flatten", [x], "flatten", OnnxAttributes.MakeInt("axis", 1));
        var w = g.Constant("w", Enumerable.Repeat(0.1f, model.Outputs).ToArray(), 1, model.Outputs);
        var b = g.Constant("b", new float[model.Outputs], model.Outputs);
        x = g.Node("MatMul", [x, w], "dense");
        x = g.Node("Add", [x, b], "age");
        g.Output(x, TensorProto.Types.DataType.Float, [-1, model.Outputs]);
        File.WriteAllBytes(path, g.ToModel(OnnxModelBuilder.Opset).ToByteArray());
    }
}
