using RelevanceRelated.Analysis.Tests.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>
/// `config check` opens every model file against its entry, as `brainage` does: what one refuses the other refuses,
/// with the same message; a configuration directory holding only a model entry is complete.
/// </summary>
public sealed class ConfigCheckModelsTests
{
    private static readonly int[] Grid = [98, 98, 98];

    /// <summary>A configuration directory holding only <c>model.config.toml</c> with one [models.m] entry.</summary>
    private static string OnlyModelEntry(string file, string keys)
    {
        var dir = TestData.NewTempDirectory("rr-config-check");
        File.WriteAllText(Path.Combine(dir, "model.config.toml"), $"""
            [models.m]
            files = ["{file}"]
            orientation = "RAS"
            voxel_size = 2.0
            cube = 98
            {keys}
            """);
        return dir;
    }

    [Fact]
    public void A_directory_holding_only_a_fitting_model_entry_passes_and_names_the_models_it_opened()
    {
        var dir = TestData.NewTempDirectory("rr-config-check");
        var model = TinyOnnxNetworks.WriteRegressor(dir, "torch", Grid, [1], [0], tf2onnx: false);
        var configs = OnlyModelEntry(model, "normalisation = \"unit\"");

        var result = ConsoleRunner.Run("--config-dir", configs, "config", "check");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("models.m: 1 file(s) open and fit the entry", result.Output);
        Assert.Contains("configuration OK", result.Output);
    }

    [Fact]
    public void A_uint8_model_with_a_float_recipe_is_refused_by_config_check_with_the_message_brainage_gives()
    {
        var dir = TestData.NewTempDirectory("rr-config-check");
        var model = TinyOnnxNetworks.WriteRegressor(dir, "keras", Grid, [1], [0], tf2onnx: true);
        var configs = OnlyModelEntry(model, "normalisation = \"unit\"");

        var check = ConsoleRunner.Run("--config-dir", configs, "config", "check");
        var brainage = ConsoleRunner.Run("--config-dir", configs, "brainage", "--model", "m", "--t1", TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));

        const string message = "models.m: keras.onnx takes uint8 input; expected normalisation = \"raw\" (the intensities cast to uint8) or normalisation = \"uint8\" (each subject min-max stretched to 0-255), got \"unit\"";
        Assert.Equal(2, check.ExitCode);
        Assert.Contains($"{Path.Combine(configs, "model.config.toml")}:2: {message}", check.Error);
        Assert.Contains("1 model entry refused", check.Error);
        Assert.Equal(2, brainage.ExitCode);
        Assert.Contains(message, brainage.Error);
    }

    [Fact]
    public void A_model_whose_grid_or_channels_differ_from_the_recipe_is_refused_naming_the_expectation()
    {
        var dir = TestData.NewTempDirectory("rr-config-check");
        var small = TinyOnnxNetworks.WriteRegressor(dir, "small", [64, 64, 64], [1], [0], tf2onnx: false);
        var twoChannels = TinyOnnxNetworks.Write(dir, "two", [0.5f, 0.5f], 0, Grid, channelsLast: false);

        var grid = ConsoleRunner.Run("--config-dir", OnlyModelEntry(small, "normalisation = \"unit\""), "config", "check");
        var channels = ConsoleRunner.Run("--config-dir", OnlyModelEntry(twoChannels, "normalisation = \"unit\""), "config", "check");

        Assert.Equal(2, grid.ExitCode);
        Assert.Contains("models.m: small.onnx input 'input' has shape [-1, 1, 64, 64, 64]; the configured grid needs [N, 1, 98, 98, 98] (channels first) or [N, 98, 98, 98, 1] (channels last)", grid.Error);
        Assert.Equal(2, channels.ExitCode);
        Assert.Contains("models.m: two.onnx input 'image' has shape [-1, 2, 98, 98, 98]", channels.Error);
    }

    [Fact]
    public void No_models_checks_the_keys_alone()
    {
        var dir = TestData.NewTempDirectory("rr-config-check");
        var model = TinyOnnxNetworks.WriteRegressor(dir, "keras", Grid, [1], [0], tf2onnx: true);

        var result = ConsoleRunner.Run("--config-dir", OnlyModelEntry(model, "normalisation = \"unit\""), "config", "check", "--no-models");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("configuration OK", result.Output);
    }

    [Fact]
    public void Config_check_help_describes_the_model_check()
    {
        var result = ConsoleRunner.Run("config", "check", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--no-models", result.Output);
    }
}
