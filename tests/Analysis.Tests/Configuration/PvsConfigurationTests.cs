using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Configuration;

/// <summary>The PVS keys: threshold comparison, cluster connectivity and [pvs_models.&lt;name&gt;] ensembles.</summary>
public sealed class PvsConfigurationTests
{
    private static readonly string DefaultDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    private static string DirectoryWith(string toml)
    {
        var dir = TestData.NewTempDirectory("rr-config");
        File.Copy(Path.Combine(DefaultDirectory, "config.toml"), Path.Combine(dir, "config.toml"));
        File.WriteAllText(Path.Combine(dir, "p.config.toml"), toml);
        return dir;
    }

    private static ConfigurationError SingleError(string dir) =>
        Assert.Single(Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(dir)).Errors);

    [Fact]
    public void Threshold_comparison_and_connectivity_can_be_set_as_shivai()
    {
        var config = ConfigurationLoader.Load(DirectoryWith("[params.pvs]\nthreshold_comparison = \">\"\nconnectivity = 26\n")).Config;
        Assert.Equal(">", config.Params.Pvs.ThresholdComparison);
        Assert.Equal(26, config.Params.Pvs.Connectivity);
    }

    [Theory]
    [InlineData("[params.pvs]\nthreshold_comparison = \"=>\"\n", "params.pvs.threshold_comparison", "expected \">=\" (as the original) or \">\" (as SHiVAi), got \"=>\"")]
    [InlineData("[params.pvs]\nconnectivity = 18\n", "params.pvs.connectivity", "expected 6 (as the original's nilearn call) or 26 (as SHiVAi), got 18")]
    [InlineData("[params.pvs]\nfrangi_threshold = 0\n", "params.pvs.frangi_threshold", "expected a vesselness in (0, 1] (the threshold when Frangi replaces a model), got 0")]
    [InlineData("[pvs_models.s]\nfiles = []\nchannels = [\"t1\"]\n", "pvs_models.s.files", "expected a non-empty list of existing ONNX files (the folds), got []")]
    public void A_bad_pvs_value_names_key_and_expectation(string toml, string key, string problem)
    {
        var error = SingleError(DirectoryWith(toml));
        Assert.Equal((key, problem), (error.KeyPath, error.Problem));
    }

    [Fact]
    public void A_pvs_model_binds_with_the_shiva_defaults()
    {
        var dir = DirectoryWith("[pvs_models.shiva]\nfiles = [\"f0.onnx\", \"f1.onnx\"]\nchannels = [\"t1\", \"flair\"]\n");
        File.WriteAllBytes(Path.Combine(dir, "f0.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(dir, "f1.onnx"), [0]);

        var model = ConfigurationLoader.Load(dir).Config.PvsModels["shiva"];

        Assert.Equal([Path.Combine(dir, "f0.onnx"), Path.Combine(dir, "f1.onnx")], model.Files);
        Assert.Equal(["t1", "flair"], model.Channels);
        Assert.Equal([160, 214, 176], model.Box);
        Assert.Equal(99.0, model.ClipPercentile);
        Assert.Equal(Analysis.Imaging.PercentileScope.All, model.ClipScope);
    }

    [Fact]
    public void Pvs_model_channels_must_start_with_t1()
    {
        var dir = DirectoryWith("[pvs_models.s]\nfiles = [\"f0.onnx\"]\nchannels = [\"flair\"]\n");
        File.WriteAllBytes(Path.Combine(dir, "f0.onnx"), [0]);
        var error = SingleError(dir);
        Assert.Equal("pvs_models.s.channels", error.KeyPath);
        Assert.Contains("[\"t1\"] or [\"t1\", \"flair\"]", error.Problem);
    }

    [Fact]
    public void A_pvs_model_without_channels_is_reported_as_missing()
    {
        var dir = DirectoryWith("[pvs_models.s]\nfiles = [\"f0.onnx\"]\n");
        File.WriteAllBytes(Path.Combine(dir, "f0.onnx"), [0]);
        var error = SingleError(dir);
        Assert.Equal("pvs_models.s.channels", error.KeyPath);
        Assert.StartsWith("missing; expected", error.Problem);
    }
}
