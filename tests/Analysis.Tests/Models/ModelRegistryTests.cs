using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class ModelRegistryTests
{
    private static RelevanceRelatedConfig ConfigWithModels(string dir)
    {
        var regressor = TinyOnnxNetworks.WriteRegressor(dir, "base", [98, 98, 98], [1], [0], tf2onnx: false);
        var fold = TinyOnnxNetworks.Write(dir, "fold", [1], 0, [160, 214, 176], channelsLast: true);
        File.Copy(Path.Combine(TestData.RepositoryRoot, "configs", "config.toml"), Path.Combine(dir, "config.toml"));
        File.WriteAllText(Path.Combine(dir, "m.config.toml"), $"""
            [models.t1_2mm]
            sequence = "t1"
            files = ["{regressor}"]
            orientation = "RAS"
            voxel_size = 2.0
            cube = 98
            normalisation = "unit"
            head = "mean"

            [pvs_models.shiva]
            files = ["{fold}"]
            channels = ["t1"]
            """);
        return ConfigurationLoader.Load(dir).Config;
    }

    [Fact]
    public void Each_model_is_loaded_once_and_shared()
    {
        var dir = TestData.NewTempDirectory("rr-registry");
        using var registry = new ModelRegistry(ConfigWithModels(dir));
        Assert.Same(registry.BrainAge("t1_2mm"), registry.BrainAge("t1_2mm"));
        Assert.Same(registry.Pvs("shiva"), registry.Pvs("shiva"));
    }

    [Fact]
    public void An_unknown_name_lists_the_configured_models()
    {
        var dir = TestData.NewTempDirectory("rr-registry");
        using var registry = new ModelRegistry(ConfigWithModels(dir));
        var e = Assert.Throws<InvalidInputException>(() => registry.BrainAge("t1_1mm"));
        Assert.Contains("[t1_2mm]", e.Message);
        var p = Assert.Throws<InvalidInputException>(() => registry.Pvs("other"));
        Assert.Contains("[shiva]", p.Message);
    }
}
