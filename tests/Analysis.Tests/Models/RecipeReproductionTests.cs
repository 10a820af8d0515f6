using System.Security.Cryptography;
using System.Text.Json;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Models.Preprocessing;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// A published recipe of the tf2onnx kind, reproduced step by step and end to end against its Python reference
/// (Reference/recipe_reference.py: nibabel 5.0, scipy 1.10, a numpy float64 forward of the same weights; its output
/// is kept as Reference/recipe-reference.json): raw uint8 voxels as stored, scipy's cubic zoom by 0.5 (integer
/// output rounded as scipy rounds), a box centred on the bounding box of the slices whose sum exceeds 1000, raw uint8
/// into a Conv(k6) → ReLU → MaxPool(2) → BatchNorm network, output + 22. Volumes are compared by the SHA-256 of their
/// voxels in NIfTI order, so "equal" means every voxel.
/// </summary>
public sealed class RecipeReproductionTests
{
    private const int Seed = 17;

    private static readonly Lazy<JsonElement> Facts = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Models", "Reference", "recipe-reference.json"))).RootElement);

    private static JsonElement Steps => Facts.Value.GetProperty("steps");

    private static int[] Box => [.. Steps.GetProperty("box").EnumerateArray().Select(e => e.GetInt32())];

    private static Volume FirstBrain() => VolumeFile.Read(TestData.File("ixi", Steps.GetProperty("file").GetString()!));

    private static string Sha256OfIntegers(Volume volume)
    {
        var data = volume.Frame(0);
        var bytes = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            Assert.True(data[i] is >= 0 and <= 255 && MathF.Round(data[i]) == data[i], $"voxel {i} holds {data[i]}, not a uint8 value");
            bytes[i] = (byte)data[i];
        }
        return Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    /// <summary>Every sampled voxel within <paramref name="tolerance"/> (relative to the volume's largest sample) of the reference.</summary>
    private static void AssertSamples(Volume volume, JsonElement facts, double tolerance)
    {
        var samples = facts.GetProperty("samples");
        var values = samples.GetProperty("value").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var scale = Math.Max(1e-12, values.Max(Math.Abs));
        var i = 0;
        foreach (var index in samples.GetProperty("index").EnumerateArray())
        {
            var at = index.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = volume[at[0], at[1], at[2]];
            Assert.True(Math.Abs(actual - values[i]) <= tolerance * scale, $"voxel ({string.Join(", ", at)}): {actual}, reference {values[i]}");
            i++;
        }
        double sum = 0;
        foreach (var v in volume.Frame(0)) sum += v;
        var expected = facts.GetProperty("sum").GetDouble();
        Assert.True(Math.Abs(sum - expected) <= 1e-6 * Math.Abs(expected), $"sum {sum}, reference {expected}");
    }

    [Fact]
    public void The_conv6_builder_writes_the_model_the_reference_was_computed_for()
    {
        var bytes = Conv6Network.Build(Box, Seed);

        Assert.Equal(Facts.Value.GetProperty("model_sha256").GetString(), Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
    }

    [Theory]
    [InlineData(InterpolationOrder.Nearest)]
    [InlineData(InterpolationOrder.Linear)]
    [InlineData(InterpolationOrder.Cubic)]
    public void Zooming_uint8_voxels_equals_scipy_voxel_for_voxel(InterpolationOrder order)
    {
        using var brain = FirstBrain();

        using var zoomed = SplineResampler.Zoom(brain, [0.5, 0.5, 0.5], order, VoxelType.UInt8);

        Assert.Equal([128, 128, 128], zoomed.Shape.ToArray());
        Assert.Equal(Steps.GetProperty("zoom_uint8_sha256").GetProperty(((int)order).ToString()).GetString(), Sha256OfIntegers(zoomed));
    }

    [Fact]
    public void A_zoom_whose_last_sample_falls_past_the_edge_leaves_that_slice_zero_as_scipy_does()
    {
        using var brain = FirstBrain();
        var factor = Steps.GetProperty("quirk_factor").GetDouble();

        using var zoomed = SplineResampler.Zoom(brain, [factor, 1, 1], InterpolationOrder.Linear, VoxelType.UInt8);

        Assert.Equal(Steps.GetProperty("quirk_shape").EnumerateArray().Select(e => e.GetInt32()), zoomed.Shape);
        Assert.Equal(Steps.GetProperty("quirk_sha256").GetString(), Sha256OfIntegers(zoomed));
        Assert.Equal(0, Steps.GetProperty("quirk_last_slice_sum").GetDouble());
    }

    [Fact]
    public void Cubic_zoom_of_float_voxels_equals_scipy()
    {
        using var brain = FirstBrain();
        var facts = Steps.GetProperty("zoom_float_cubic");

        using var zoomed = SplineResampler.Zoom(brain, [0.5, 0.6, 0.7], InterpolationOrder.Cubic, integerType: null);

        Assert.Equal(facts.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), zoomed.Shape);
        AssertSamples(zoomed, facts, 1e-6);
    }

    [Fact]
    public void Cubic_resampling_to_a_voxel_size_equals_scipys_affine_transform()
    {
        using var bert = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        var facts = Steps.GetProperty("bert_affine_transform_cubic");

        using var resampled = SplineResampler.Resample(bert, [128, 128, 128], [2.0, 2.0, 2.0], InterpolationOrder.Cubic, integerType: null);

        AssertSamples(resampled, facts, 1e-6);
    }

    [Fact]
    public void Crop_centres_start_where_the_reference_puts_them_and_the_slice_sum_box_holds_the_same_voxels()
    {
        using var brain = FirstBrain();
        using var zoomed = SplineResampler.Zoom(brain, [0.5, 0.5, 0.5], InterpolationOrder.Cubic, VoxelType.UInt8);
        var starts = Steps.GetProperty("crop_start");
        int[] Start(string name) => [.. starts.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];

        Assert.Equal(Start("centre"), BoxPlacement.VolumeCentreStart(zoomed, Box));
        Assert.Equal(Start("slice_sum"), BoxPlacement.SliceSumStart(zoomed, Box, 1000));
        Assert.Equal(Start("centre_of_mass"), BoxPlacement.CentreOfMassStart(zoomed, Box));
        var (box, transform) = BoxPlacement.Place(zoomed, Box, CropCentre.SliceSums, 1000);
        using (box)
        {
            Assert.Equal(Steps.GetProperty("crop_slice_sum_sha256").GetString(), Sha256OfIntegers(box));
            // Back in the zoomed grid, every voxel of the window is where it came from.
            using var back = Pruning.Reverse(box, transform);
            var start = Start("slice_sum");
            Assert.Equal(zoomed[start[0] + 40, start[1] + 50, start[2] + 43], back[start[0] + 40, start[1] + 50, start[2] + 43]);
        }
    }

    [Theory]
    [InlineData("scale_255", IntensityNormalisation.Scale)]
    [InlineData("capped_200", IntensityNormalisation.Capped)]
    [InlineData("zscore_brain", IntensityNormalisation.ZScore)]
    [InlineData("mean_volume", IntensityNormalisation.Mean)]
    public void Intensity_kinds_equal_their_numpy_expressions(string fact, IntensityNormalisation kind)
    {
        using var brain = FirstBrain();
        using var zoomed = SplineResampler.Zoom(brain, [0.5, 0.5, 0.5], InterpolationOrder.Cubic, VoxelType.UInt8);
        var (box, _) = BoxPlacement.Place(zoomed, Box, CropCentre.SliceSums, 1000);
        var recipe = new PreprocessingRecipe
        {
            Box = Box,
            Normalisation = kind,
            IntensityMax = 200,
            ClipScope = kind == IntensityNormalisation.Mean ? PercentileScope.All : PercentileScope.NonZero,
        };
        using (box)
        {
            IntensityStep.Apply(box, recipe);

            AssertSamples(box, Steps.GetProperty("intensity").GetProperty(fact), 1e-6);
        }
    }

    [Fact]
    public void The_tf2onnx_recipe_predicts_the_ten_ixi_brains_within_0_05_years_of_the_python_reference()
    {
        var dir = TestData.NewTempDirectory("rr-recipe");
        File.WriteAllBytes(Path.Combine(dir, "conv6.onnx"), Conv6Network.Build(Box, Seed));
        File.WriteAllText(Path.Combine(dir, "tf2onnx.toml"), """
            [models.tf2onnx_cnn]
            files = ["conv6.onnx"]
            load = "dataobj"
            orientation = "native"
            resample = "zoom"
            zoom = 0.5
            interpolation = "cubic"
            box = [82, 100, 86]
            crop = "slice_sum"
            crop_threshold = 1000
            normalisation = "raw"
            output = "affine"
            output_offset = 22
            """);
        var config = ConfigurationLoader.Load(Path.Combine(TestData.RepositoryRoot, "configs"), [Path.Combine(dir, "tf2onnx.toml")]).Config;
        using var registry = new ModelRegistry(config);
        var ensemble = registry.BrainAge("tf2onnx_cnn");
        Assert.True(ensemble.BaseModels[0].Explainable);

        foreach (var subject in Facts.Value.GetProperty("subjects").EnumerateArray())
        {
            var file = subject.GetProperty("file").GetString()!;
            using var image = VolumeFile.Read(TestData.File("ixi", file));
            using var run = ensemble.Run(image, subject.GetProperty("age").GetDouble(), cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(subject.GetProperty("input_sha256").GetString(), Sha256OfIntegers(run.Input));
            var expected = subject.GetProperty("prediction").GetDouble();
            Assert.True(Math.Abs(run.Prediction.Ensemble - expected) <= 0.05,
                $"{file}: predicted {run.Prediction.Ensemble:F4}, Python reference {expected:F4}");
            // The tolerance tells recipes apart: in the reference, a crop one voxel off moves the prediction by more.
            Assert.True(Math.Abs(subject.GetProperty("prediction_crop_one_voxel_off").GetDouble() - expected) > 0.05);
            Assert.Equal(run.Prediction.BaseModels[0], run.Prediction.Ensemble);
        }
    }
}
