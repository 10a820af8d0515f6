using System.Text.RegularExpressions;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Configuration;

/// <summary>Every key README gives a default works when no file sets it, and takes exactly that value.</summary>
public sealed partial class BuiltInDefaultsTests
{
    private const string ModelEntry = """
        [models.only]
        files = ["m.onnx"]
        orientation = "LIA"
        voxel_size = 1.0
        cube = 198
        normalisation = "unit"

        [pvs_models.shiva]
        files = ["m.onnx"]
        channels = ["t1"]

        [atlases.only]
        file = "m.onnx"
        """;

    /// <summary>A configuration directory holding nothing but one model entry (and its file).</summary>
    private static LoadedConfiguration LoadOnlyModelEntry(out string dir)
    {
        dir = TestData.NewTempDirectory("rr-defaults");
        File.WriteAllText(Path.Combine(dir, "model.config.toml"), ModelEntry);
        File.WriteAllBytes(Path.Combine(dir, "m.onnx"), [0]);
        return ConfigurationLoader.Load(dir);
    }

    [Fact]
    public void A_directory_holding_only_a_model_entry_loads_with_every_other_key_at_its_default()
    {
        var loaded = LoadOnlyModelEntry(out var dir);

        var config = loaded.Config;
        Assert.Equal(0.05, config.Params.Alpha);
        Assert.Equal(Path.GetFullPath(Path.Combine(dir, "../work/data")), config.Paths.Data);
        Assert.Equal(ClusterMode.Embedded, config.Cluster.Mode);
        var model = config.Models["only"];
        Assert.Equal(("t1", HeadKind.Mean, OutputKind.Identity), (model.Sequence, model.Head.Kind, model.Output.Kind));
        Assert.Equal((ArrayLoad.GetFdata, ResampleMode.VoxelSize, InterpolationOrder.Linear, CropCentre.BrainBoundingBox),
            (model.Recipe.Load, model.Recipe.Resample, model.Recipe.Interpolation, model.Recipe.Crop));
        Assert.Equal([160, 214, 176], config.PvsModels["shiva"].Box);
        Assert.Equal(BuiltInDefaults.Source, loaded.Entries["cluster.mode"].File);
    }

    [Fact]
    public void Every_default_readme_lists_is_what_a_configuration_without_the_key_gets()
    {
        var loaded = LoadOnlyModelEntry(out _);
        var readme = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "README.md"));
        var checkedKeys = new List<string>();

        foreach (var line in readme.Where(l => l.StartsWith('|')))
        {
            // A row "| [step |] `key`[, `key`] | `default`[, `default`] | ... |": the first cell of keys, the defaults after it.
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var at = Array.FindIndex(cells, c => c.Length > 0 && c.Split(',').All(k => BacktickedKey().IsMatch(k.Trim())));
            if (at < 0 || at + 1 >= cells.Length) continue;
            var keys = cells[at].Split(',').Select(k => k.Trim()).ToArray();
            var defaults = cells[at + 1].Split(", ").Select(d => d.Trim()).ToArray();
            if (keys.Length != defaults.Length) continue;
            for (var i = 0; i < keys.Length; i++)
            {
                var key = keys[i].Trim('`').Replace("<name>", "only", StringComparison.Ordinal).Replace("pvs_models.only", "pvs_models.shiva", StringComparison.Ordinal);
                if (ConfigSchema.Find(key) is not { } spec || !defaults[i].StartsWith('`')) continue;
                var written = defaults[i].Trim('`');
                Assert.True(loaded.Entries.TryGetValue(key, out var entry), $"README gives {key} the default {written}, but a configuration without it has no value");
                // README writes paths bare (`../work/data`), every other value as TOML.
                var expected = spec.Kind is ValueKind.Directory or ValueKind.ExistingDirectory or ValueKind.File && !written.StartsWith('"')
                    ? ConfigValueText.Format(written)
                    : ConfigValueText.Format(TomlFileReader.Parse($"k = {written}", "README.md").Single().Value);
                Assert.Equal(expected, ConfigValueText.Format(entry.Value));
                checkedKeys.Add(key);
            }
        }

        // The tables cover the top-level keys and the model keys with defaults.
        Assert.Contains("paths.data", checkedKeys);
        Assert.Contains("cluster.gateway_port", checkedKeys);
        Assert.Contains("models.only.crop", checkedKeys);
        Assert.Contains("models.only.output_offset", checkedKeys);
        Assert.Contains("atlases.only.space", checkedKeys);
        Assert.True(checkedKeys.Count >= 40, $"only {checkedKeys.Count} README defaults were found");
    }

    [Fact]
    public void The_repository_config_toml_sets_each_top_level_key_to_its_built_in_default()
    {
        var file = Path.Combine(TestData.RepositoryRoot, "configs", "config.toml");
        var entries = TomlFileReader.Read(file).ToDictionary(e => e.KeyPath);

        foreach (var (key, value) in BuiltInDefaults.Values.Where(kv => !kv.Key.Contains('*')))
        {
            Assert.True(entries.TryGetValue(key, out var entry), $"{file} does not set {key}");
            Assert.Equal(ConfigValueText.Format(value), ConfigValueText.Format(entry.Value));
        }
    }

    [Fact]
    public void Every_built_in_default_is_a_value_its_key_accepts()
    {
        foreach (var (pattern, value) in BuiltInDefaults.Values)
        {
            var spec = ConfigSchema.Keys.SingleOrDefault(k => k.Pattern == pattern);
            Assert.True(spec is not null, $"{pattern} has a default but is not a key");
            Assert.True(spec.HasShape(value) && (spec.Accept?.Invoke(value) ?? true), $"{pattern}: the default {ConfigValueText.Format(value)} is not {spec.Expectation}");
        }
    }

    [GeneratedRegex(@"^`[A-Za-z_]+(\.[A-Za-z_<>]+)*`$")]
    private static partial Regex BacktickedKey();
}
