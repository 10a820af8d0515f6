using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Configuration;

/// <summary>Recipe keys bind into the recipe once; keys that the chosen steps do not read, or that they need, are named.</summary>
public sealed class RecipeConfigurationTests
{
    private static string Directory(string keys)
    {
        var dir = TestData.NewTempDirectory("rr-recipe-config");
        File.WriteAllText(Path.Combine(dir, "model.config.toml"), $"""
            [models.m]
            files = ["m.onnx"]
            {keys}
            """);
        File.WriteAllBytes(Path.Combine(dir, "m.onnx"), [0]);
        return dir;
    }

    private static IReadOnlyList<ConfigurationError> Errors(string keys) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(Directory(keys))).Errors;

    [Fact]
    public void A_zoom_recipe_binds_every_step()
    {
        var recipe = ConfigurationLoader.Load(Directory("""
            load = "dataobj"
            orientation = "native"
            resample = "zoom"
            zoom = [0.5, 0.5, 0.25]
            interpolation = "cubic"
            box = [82, 100, 86]
            crop = "slice_sum"
            crop_threshold = 1000
            normalisation = "capped"
            intensity_max = 383
            output = "affine"
            output_offset = 22
            """)).Config.Models["m"];

        var r = recipe.Recipe;
        Assert.Equal((ArrayLoad.DataObj, (string?)null, ResampleMode.Zoom, InterpolationOrder.Cubic), (r.Load, r.Orientation, r.Resample, r.Interpolation));
        Assert.Equal([0.5, 0.5, 0.25], r.Zoom!);
        Assert.Equal([82, 100, 86], r.Box);
        Assert.Equal((CropCentre.SliceSums, 1000.0), (r.Crop, r.CropThreshold));
        Assert.Equal((IntensityNormalisation.Capped, 383.0), (r.Normalisation, r.IntensityMax!.Value));
        Assert.Equal((OutputKind.Affine, 1.0, 22.0), (recipe.Output.Kind, recipe.Output.Scale, recipe.Output.Offset));
    }

    [Fact]
    public void A_single_zoom_factor_applies_to_every_axis()
    {
        var model = ConfigurationLoader.Load(Directory("orientation = \"RAS\"\nresample = \"zoom\"\nzoom = 0.5\ncube = 128\nnormalisation = \"raw\"")).Config.Models["m"];

        Assert.Equal([0.5, 0.5, 0.5], model.Recipe.Zoom!);
    }

    [Fact]
    public void Keys_the_chosen_steps_do_not_read_are_refused_naming_the_step()
    {
        var errors = Errors("""
            orientation = "RAS"
            resample = "zoom"
            zoom = 0.5
            voxel_size = 2.0
            cube = 128
            crop_threshold = 10
            normalisation = "raw"
            clip_percentile = 99
            output_offset = 22
            """);

        Assert.Contains(errors, e => e.KeyPath == "models.m.voxel_size" && e.Problem == "is not used: resample = \"zoom\"; voxel_size is read with resample = \"voxel_size\"");
        Assert.Contains(errors, e => e.KeyPath == "models.m.crop_threshold" && e.Problem.Contains("crop = \"slice_sum\""));
        Assert.Contains(errors, e => e.KeyPath == "models.m.clip_percentile" && e.Problem.Contains("normalisation = \"raw\" does not clip"));
        Assert.Contains(errors, e => e.KeyPath == "models.m.output_offset" && e.Problem.Contains("output = \"affine\""));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Keys_the_chosen_steps_need_are_reported_missing()
    {
        var errors = Errors("orientation = \"RAS\"\nresample = \"zoom\"\ncube = 128\nnormalisation = \"capped\"");

        Assert.Contains(errors, e => e.KeyPath == "models.m.zoom" && e.Problem.StartsWith("missing; resample = \"zoom\" expects", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.KeyPath == "models.m.intensity_max" && e.Problem.StartsWith("missing; normalisation = \"capped\" expects", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void An_unknown_step_kind_is_refused_with_the_kinds_accepted()
    {
        var error = Assert.Single(Errors("orientation = \"RAS\"\nvoxel_size = 1.0\ncube = 198\nnormalisation = \"unit\"\ncrop = \"middle\""));

        Assert.Equal("models.m.crop", error.KeyPath);
        Assert.Equal("expected one of \"brain_bbox\", \"centre\", \"slice_sum\", \"centre_of_mass\", got \"middle\"", error.Problem);
    }

    [Fact]
    public void A_description_changes_with_every_recipe_field()
    {
        var a = ConfigurationLoader.Load(Directory("orientation = \"RAS\"\nvoxel_size = 1.0\ncube = 198\nnormalisation = \"unit\"")).Config.Models["m"];
        var b = a with { Recipe = a.Recipe with { Interpolation = InterpolationOrder.Cubic } };
        var c = a with { Output = a.Output with { Offset = 1 } };

        Assert.NotEqual(a.Describe(), b.Describe());
        Assert.NotEqual(a.Describe(), c.Describe());
        Assert.Equal(a.Describe(), (a with { }).Describe());
    }
}
