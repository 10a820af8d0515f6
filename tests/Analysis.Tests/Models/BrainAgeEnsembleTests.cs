using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// Brain age end to end with regressors whose output is weight · mean(input) + bias, so every prediction is known
/// from the native image alone: in a 198³ LIA cube nothing of the brain is lost, so mean(input) = Σ normalised
/// native voxels / 198³.
/// </summary>
public class BrainAgeEnsembleTests
{
    private static readonly int[] Cube = [198, 198, 198];
    private const double Ixi013Age = 46.71; // ../shared/data/ixi/participants.csv

    private static ModelConfig Config(IReadOnlyList<string> files, string normalisation, string head = "mean", double intercept = 0,
        IReadOnlyList<double>? weights = null, string output = "identity", IReadOnlyList<double>? ageRange = null, IReadOnlyList<double>? bins = null) =>
        TestModelConfig.Of("t1_test", files, "LIA", 1.0, 198, normalisation, head, intercept, weights, output, ageRange, bins);

    /// <summary>Mean of the model input as preprocessing should produce it, computed from the native voxels.</summary>
    private static double ExpectedInputMean(Volume native, bool uint8)
    {
        var max = VolumeStatistics.Of(native.Data).Max;
        double sum = 0;
        foreach (var v in native.Data) sum += uint8 ? Math.Round(v / max * 255) : v / max;
        return sum / (198.0 * 198 * 198);
    }

    private static double InputMean(BrainAgeRun run)
    {
        double sum = 0;
        foreach (var v in run.Input.Data) sum += v;
        return sum / run.Input.VoxelCount;
    }

    /// <summary>ONNX Runtime averages 198³ values in float32: agreement to 0.2 %.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 2e-3 * Math.Abs(expected), $"expected {expected}, got {actual}");

    [Fact]
    public void One_pytorch_style_base_model_predicts_from_the_preprocessed_brain()
    {
        var dir = TestData.NewTempDirectory("rr-brainage");
        var file = TinyOnnxNetworks.WriteRegressor(dir, "base0", Cube, [400], [20], tf2onnx: false);
        using var native = ModelTestVolumes.Ixi();
        using var ensemble = BrainAgeEnsemble.Load(Config([file], "unit"));
        Assert.False(ensemble.Layouts[0].ChannelsLast);

        using var run = ensemble.Run(native, Ixi013Age, cancellationToken: TestContext.Current.CancellationToken);

        var m = ExpectedInputMean(native, uint8: false);
        Assert.Equal(m, InputMean(run), 9);
        var expected = 400 * m + 20;
        AssertClose(expected, run.Prediction.BaseModels[0]);
        Assert.Equal(run.Prediction.BaseModels[0], run.Prediction.Ensemble);
        Assert.Equal(run.Prediction.Ensemble - Ixi013Age, run.Prediction.Dba!.Value, 12);
    }

    [Fact]
    public void Several_base_models_of_both_export_styles_combine_through_a_linear_head()
    {
        var dir = TestData.NewTempDirectory("rr-brainage");
        string[] files =
        [
            TinyOnnxNetworks.WriteRegressor(dir, "torch", Cube, [2], [10], tf2onnx: false),
            TinyOnnxNetworks.WriteRegressor(dir, "keras", Cube, [3], [5], tf2onnx: true),
            TinyOnnxNetworks.WriteRegressor(dir, "keras2", Cube, [1], [30], tf2onnx: true),
        ];
        using var native = ModelTestVolumes.Ixi();
        using var ensemble = BrainAgeEnsemble.Load(Config(files, "uint8", head: "linear", intercept: 1.5, weights: [0.5, 0.25, 0.25]));
        Assert.Equal([false, true, true], ensemble.Layouts.Select(l => l.ChannelsLast));
        Assert.Equal([false, true, true], ensemble.Layouts.Select(l => l.IsUInt8));

        using var run = ensemble.Run(native, Ixi013Age, cancellationToken: TestContext.Current.CancellationToken);

        var m = ExpectedInputMean(native, uint8: true);
        Assert.Equal(m, InputMean(run), 9);
        double[] bases = [2 * m + 10, 3 * m + 5, 1 * m + 30];
        for (var i = 0; i < 3; i++) AssertClose(bases[i], run.Prediction.BaseModels[i]);
        var p = run.Prediction.BaseModels;
        Assert.Equal(1.5 + 0.5 * p[0] + 0.25 * p[1] + 0.25 * p[2], run.Prediction.Ensemble, 9);
    }

    [Fact]
    public void Scaled_and_soft_bin_outputs_become_ages()
    {
        var scaled = Config([], "unit", output: "scaled", ageRange: [20, 80]);
        Assert.Equal(65, BrainAgeOutputTransform.ToAge([0.5f], scaled, "m.onnx"), 9);
        var bins = Config([], "unit", output: "soft_bins", bins: [30, 50, 70]);
        // Softmax of (0, ln 2, ln 1) = (1/4, 2/4, 1/4): expected age 50; of (ln 3, 0, 0): (3/5, 1/5, 1/5) → 42.
        Assert.Equal(50, BrainAgeOutputTransform.ToAge([0, MathF.Log(2), 0], bins, "m.onnx"), 5);
        Assert.Equal(42, BrainAgeOutputTransform.ToAge([MathF.Log(3), 0, 0], bins, "m.onnx"), 5);
        var e = Assert.Throws<InvalidInputException>(() => BrainAgeOutputTransform.ToAge([1, 2], bins, "m.onnx"));
        Assert.Contains("bin_centres has 3", e.Message);
    }

    [Fact]
    public void A_model_whose_input_disagrees_with_the_configured_grid_names_the_entry_and_the_expectation()
    {
        var dir = TestData.NewTempDirectory("rr-brainage");
        var file = TinyOnnxNetworks.WriteRegressor(dir, "small", [98, 98, 98], [1], [0], tf2onnx: false);
        var e = Assert.Throws<InvalidInputException>(() => BrainAgeEnsemble.Load(Config([file], "unit")));
        Assert.Contains("models.t1_test", e.Message);
        Assert.Contains("[N, 1, 198, 198, 198]", e.Message);
    }

    [Fact]
    public void A_uint8_model_with_unit_normalisation_and_a_missing_file_are_refused()
    {
        var dir = TestData.NewTempDirectory("rr-brainage");
        var keras = TinyOnnxNetworks.WriteRegressor(dir, "keras", Cube, [1], [0], tf2onnx: true);
        var e = Assert.Throws<InvalidInputException>(() => BrainAgeEnsemble.Load(Config([keras], "unit")));
        Assert.Contains("normalisation = \"uint8\"", e.Message);
        var missing = Assert.Throws<InvalidInputException>(() => BrainAgeEnsemble.Load(Config([Path.Combine(dir, "none.onnx")], "unit")));
        Assert.Contains("does not exist", missing.Message);
    }
}
