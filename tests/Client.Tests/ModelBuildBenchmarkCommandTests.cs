using RelevanceRelated.Tests;
using RelevanceRelated.Analysis.Xai;
using Xunit;

namespace RelevanceRelated.Client.Tests;

/// <summary>
/// `model build-benchmark` writes the seeded network `bench lrp` times, as an ONNX file a model configuration can name
/// (the 198³ MRInet of the silo memory benchmark): the shape asked for, weights set by the seed.
/// </summary>
public sealed class ModelBuildBenchmarkCommandTests
{
    [Fact]
    public void Writes_a_loadable_network_of_the_asked_shape_whose_weights_follow_the_seed()
    {
        var dir = TestData.NewTempDirectory("rr-build-benchmark");
        string Build(string name, int seed, params string[] more)
        {
            var path = Path.Combine(dir, name);
            var result = ConsoleRunner.Run(["model", "build-benchmark", "--size", "16,12,20", "--seed", $"{seed}", "--out", path, .. more]);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("untrained", result.Output);
            return path;
        }

        var first = Build("a.onnx", 1);
        var again = Build("b.onnx", 1);
        var other = Build("c.onnx", 2);

        using var engine = RelevanceEngine.Load(first, new RelevanceEngineOptions { Provider = ProviderPreference.Cpu });
        Assert.Equal([1, 1, 16, 12, 20], engine.Model.InputShape);
        var prediction = engine.Predict(new float[16 * 12 * 20], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(float.IsFinite(prediction.Single()));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(again));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
    }

    [Fact]
    public void A_size_too_small_for_the_poolings_exits_2_naming_it_and_writes_nothing()
    {
        var dir = TestData.NewTempDirectory("rr-build-benchmark");
        var path = Path.Combine(dir, "m.onnx");
        var result = ConsoleRunner.Run("model", "build-benchmark", "--cube", "4", "--out", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size 4,4,4", result.Error);
        Assert.False(File.Exists(path));
    }
}
