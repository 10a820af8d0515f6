using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly string DefaultDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    /// <summary>A configuration directory holding a copy of the default config.toml plus the given override files.</summary>
    private static string DirectoryWith(params (string Name, string Toml)[] overrides)
    {
        var dir = TestData.NewTempDirectory("rr-config");
        File.Copy(Path.Combine(DefaultDirectory, "config.toml"), Path.Combine(dir, "config.toml"));
        foreach (var (name, toml) in overrides) File.WriteAllText(Path.Combine(dir, name), toml);
        return dir;
    }

    private static ConfigurationError SingleError(string dir, params string[] extra)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(dir, extra));
        return Assert.Single(ex.Errors);
    }

    [Fact]
    public void The_default_configuration_loads_with_the_original_pipelines_values()
    {
        var config = ConfigurationLoader.Load(DefaultDirectory).Config;

        Assert.Equal(0.05, config.Params.Alpha);
        Assert.Equal(["t1", "flair", "swi"], config.Params.MriSequences);
        Assert.Equal("lrp.sequential_preset_a", config.Params.AnalyzerType);
        Assert.Equal(new PvsParams(0.5, 5, 1, 5, ">=", 6, 0.15), config.Params.Pvs);
        Assert.Empty(config.PvsModels);
        Assert.Equal(25, config.Params.SubcorticalRois.Count);
        Assert.Contains("Brain-Stem", config.Params.SubcorticalRois);
        Assert.Equal(0.2, config.Params.FaThreshold);
        Assert.Equal(new WmlParams(0.8, 30), config.Params.Wml);
        Assert.Equal(ClusterMode.Embedded, config.Cluster.Mode);
        Assert.Null(config.Paths.FreeSurferSubjects);
        Assert.Empty(config.Models);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_directory_of_the_file_that_sets_them()
    {
        var config = ConfigurationLoader.Load(DefaultDirectory).Config;
        Assert.Equal(Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "work", "data")), config.Paths.Data);

        var elsewhere = TestData.NewTempDirectory("rr-config-extra");
        var extra = Path.Combine(elsewhere, "site.toml");
        File.WriteAllText(extra, "[paths]\nresults = \"out/results\"\n");
        var merged = ConfigurationLoader.Load(DefaultDirectory, [extra]).Config;
        Assert.Equal(Path.Combine(elsewhere, "out", "results"), merged.Paths.Results);
        Assert.Equal(config.Paths.Data, merged.Paths.Data);
    }

    [Fact]
    public void A_later_config_file_overrides_an_earlier_one_key_by_key()
    {
        var dir = DirectoryWith(("zz-local.config.toml", "[params]\nalpha = 0.01\n[params.pvs]\ncluster_size = 8\n"));

        var loaded = ConfigurationLoader.Load(dir);

        Assert.Equal(0.01, loaded.Config.Params.Alpha);
        Assert.Equal(8, loaded.Config.Params.Pvs.ClusterSize);
        Assert.Equal(0.5, loaded.Config.Params.Pvs.Threshold);
        Assert.EndsWith("zz-local.config.toml", loaded.Entries["params.alpha"].File);
        Assert.Equal(2, loaded.Entries["params.alpha"].Line);
        Assert.EndsWith("config.toml", loaded.Entries["params.pvs.threshold"].File);
        Assert.Equal(["config.toml", "zz-local.config.toml"], loaded.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void An_extra_file_is_merged_after_the_directory()
    {
        var dir = DirectoryWith(("a.config.toml", "[params]\nalpha = 0.01\n"));
        var extra = Path.Combine(TestData.NewTempDirectory(), "extra.toml");
        File.WriteAllText(extra, "[params]\nalpha = 0.001\n");

        Assert.Equal(0.001, ConfigurationLoader.Load(dir, [extra]).Config.Params.Alpha);
    }

    [Fact]
    public void An_unknown_key_names_file_line_and_the_nearest_known_key()
    {
        var dir = DirectoryWith(("typo.config.toml", "# a typo\n[params]\nalpah = 0.05\n"));

        var error = SingleError(dir);

        Assert.EndsWith("typo.config.toml", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("params.alpah", error.KeyPath);
        Assert.Contains("unknown key", error.Problem);
        Assert.Contains("did you mean 'params.alpha'", error.Problem);
    }

    [Fact]
    public void An_unknown_key_inside_a_model_table_suggests_the_model_key()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[]") .Replace("voxel_size", "voxelsize")));

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(dir));

        Assert.Contains(ex.Errors, e => e.KeyPath == "models.demo.voxelsize" && e.Problem.Contains("did you mean 'models.demo.voxel_size'"));
    }

    [Fact]
    public void A_wrong_type_names_the_expectation_and_the_value_found()
    {
        var dir = DirectoryWith(("t.config.toml", "[params.pvs]\ncluster_size = \"five\"\n"));

        var error = SingleError(dir);

        Assert.Equal(("params.pvs.cluster_size", 2), (error.KeyPath, error.Line));
        Assert.Equal("expected an integer >= 0 (voxels), got \"five\"", error.Problem);
    }

    [Theory]
    [InlineData("[params]\nalpha = 1.5\n", "params.alpha", "expected a number in (0, 1), got 1.5")]
    [InlineData("[params]\nalpha = 0\n", "params.alpha", "expected a number in (0, 1), got 0")]
    [InlineData("[params.pvs]\ncluster_size = -1\n", "params.pvs.cluster_size", "expected an integer >= 0 (voxels), got -1")]
    [InlineData("[params]\nmri_sequences = [\"t1\", \"dwi\"]\n", "params.mri_sequences", "expected a non-empty list drawn from [\"t1\", \"flair\", \"swi\"], got [\"t1\", \"dwi\"]")]
    [InlineData("[cluster]\nmode = \"redis\"\n", "cluster.mode", "expected \"embedded\" or \"postgres\", got \"redis\"")]
    public void An_out_of_range_value_names_key_and_expectation(string toml, string key, string problem)
    {
        var error = SingleError(DirectoryWith(("r.config.toml", toml)));

        Assert.Equal(key, error.KeyPath);
        Assert.Equal(problem, error.Problem);
        Assert.EndsWith("r.config.toml", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_directory_that_must_exist_and_does_not_is_reported_with_its_resolved_path()
    {
        var dir = DirectoryWith(("p.config.toml", "[paths]\nfreesurfer_subjects = \"no-such-subjects\"\n"));

        var error = SingleError(dir);

        Assert.Equal("paths.freesurfer_subjects", error.KeyPath);
        Assert.Contains($"{Path.Combine(dir, "no-such-subjects")} does not exist", error.Problem);
    }

    [Fact]
    public void A_model_file_that_does_not_exist_is_reported()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"missing.onnx\"]")));
        File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);

        var error = SingleError(dir);

        Assert.Equal("models.demo.files", error.KeyPath);
        Assert.Contains($"{Path.Combine(dir, "missing.onnx")} does not exist", error.Problem);
    }

    [Fact]
    public void A_valid_model_entry_binds_with_resolved_files()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"b.onnx\"]")));
        File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(dir, "b.onnx"), [0]);

        var model = ConfigurationLoader.Load(dir).Config.Models["demo"];

        Assert.Equal([Path.Combine(dir, "a.onnx"), Path.Combine(dir, "b.onnx")], model.Files);
        Assert.Equal((98, "LIA", 2.0, HeadKind.Linear), (model.Recipe.Box[0], model.Recipe.Orientation, model.Recipe.VoxelSize, model.Head.Kind));
        Assert.Equal([98, 98, 98], model.Recipe.Box);
        Assert.Equal([0.4, 0.6], model.Head.Weights!);
    }

    [Fact]
    public void A_model_entry_without_brain_mask_is_not_skull_stripped_and_one_with_intensity_is()
    {
        var plain = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"b.onnx\"]")));
        var stripped = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"b.onnx\"]") + "brain_mask = \"intensity\"\n"));
        foreach (var dir in new[] { plain, stripped })
        {
            File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);
            File.WriteAllBytes(Path.Combine(dir, "b.onnx"), [0]);
        }

        Assert.Equal(BrainMaskKind.None, ConfigurationLoader.Load(plain).Config.Models["demo"].Recipe.BrainMask);
        Assert.Equal(BrainMaskKind.Intensity, ConfigurationLoader.Load(stripped).Config.Models["demo"].Recipe.BrainMask);
    }

    [Fact]
    public void An_unknown_brain_mask_is_refused_naming_the_key()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"b.onnx\"]") + "brain_mask = \"skull\"\n"));
        File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(dir, "b.onnx"), [0]);

        var error = SingleError(dir);

        Assert.Equal("models.demo.brain_mask", error.KeyPath);
        Assert.Contains("intensity", error.Problem);
    }

    [Fact]
    public void A_linear_head_needs_one_weight_per_base_model()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\"]")));
        File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);

        var error = SingleError(dir);

        Assert.Equal("models.demo.weights", error.KeyPath);
        Assert.Equal("expected one weight per base-model file (1), got 2", error.Problem);
    }

    [Fact]
    public void Postgres_mode_needs_a_connection_string()
    {
        var error = SingleError(DirectoryWith(("c.config.toml", "[cluster]\nmode = \"postgres\"\n")));

        Assert.Equal("cluster.mode", error.KeyPath);
        Assert.Contains("connection_string", error.Problem);
    }

    [Fact]
    public void Tls_is_off_by_default()
    {
        var cluster = ConfigurationLoader.Load(DefaultDirectory).Config.Cluster;

        Assert.Equal((false, null, null), (cluster.Tls, cluster.TlsCertificate, cluster.TlsCertificatePasswordEnv));
    }

    [Fact]
    public void Tls_binds_the_certificate_path_resolved_against_its_file_and_the_password_variable_name()
    {
        var dir = DirectoryWith(("t.config.toml", "[cluster]\ntls = true\ntls_certificate = \"certs/cluster.pfx\"\ntls_certificate_password_env = \"RR_TLS_PASSWORD\"\n"));
        Directory.CreateDirectory(Path.Combine(dir, "certs"));
        File.WriteAllBytes(Path.Combine(dir, "certs", "cluster.pfx"), [0]);

        var cluster = ConfigurationLoader.Load(dir).Config.Cluster;

        Assert.Equal((true, Path.Combine(dir, "certs", "cluster.pfx"), "RR_TLS_PASSWORD"),
            (cluster.Tls, cluster.TlsCertificate, cluster.TlsCertificatePasswordEnv));
    }

    [Fact]
    public void Tls_without_a_certificate_is_refused()
    {
        var error = SingleError(DirectoryWith(("t.config.toml", "[cluster]\ntls = true\n")));

        Assert.Equal(("cluster.tls", 2), (error.KeyPath, error.Line));
        Assert.Contains("tls_certificate", error.Problem);
    }

    [Fact]
    public void Tls_with_a_certificate_file_that_does_not_exist_names_the_resolved_path()
    {
        var dir = DirectoryWith(("t.config.toml", "[cluster]\ntls = true\ntls_certificate = \"missing.pfx\"\n"));

        var error = SingleError(dir);

        Assert.Equal("cluster.tls_certificate", error.KeyPath);
        Assert.Contains($"{Path.Combine(dir, "missing.pfx")} does not exist", error.Problem);
    }

    [Fact]
    public void A_password_variable_that_is_not_a_variable_name_is_refused()
    {
        var error = SingleError(DirectoryWith(("t.config.toml", "[cluster]\ntls_certificate_password_env = \"my password\"\n")));

        Assert.Equal("cluster.tls_certificate_password_env", error.KeyPath);
        Assert.StartsWith("expected the name of the environment variable", error.Problem);
    }

    [Fact]
    public void A_syntax_error_names_file_and_line()
    {
        var error = SingleError(DirectoryWith(("s.config.toml", "[params]\nalpha = = 0.05\n")));

        Assert.EndsWith("s.config.toml", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("expected valid TOML", error.Problem);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var dir = DirectoryWith(("e.config.toml", "[params]\nalpha = 2\nanalyzer_type = \"gradcam\"\n[params.wml]\nmin_voxels = -3\n"));

        var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(dir));

        Assert.Equal(["params.alpha", "params.analyzer_type", "params.wml.min_voxels"], ex.Errors.Select(e => e.KeyPath));
        Assert.Contains("e.config.toml:5: params.wml.min_voxels:", ex.Message);
    }

    [Fact]
    public void Analyzer_type_accepts_every_composite_the_lrp_engine_registers()
    {
        foreach (var name in RelevanceRelated.Analysis.Xai.Composites.CompositeRegistry.Names)
        {
            var dir = DirectoryWith(("a.config.toml", $"[params]\nanalyzer_type = \"{name}\"\n"));
            Assert.Equal(name, ConfigurationLoader.Load(dir).Config.Params.AnalyzerType);
        }
    }

    [Fact]
    public void A_top_level_key_no_file_sets_takes_its_built_in_default()
    {
        var dir = TestData.NewTempDirectory("rr-config");
        var text = File.ReadAllText(Path.Combine(DefaultDirectory, "config.toml")).Replace("alpha = 0.05\n", "alpha = 0.01\n").Replace("cluster_size = 5\n", "");
        File.WriteAllText(Path.Combine(dir, "config.toml"), text);

        var loaded = ConfigurationLoader.Load(dir);

        Assert.Equal(0.01, loaded.Config.Params.Alpha);
        Assert.Equal(5, loaded.Config.Params.Pvs.ClusterSize);
        Assert.Equal(BuiltInDefaults.Source, loaded.Entries["params.pvs.cluster_size"].File);
    }

    [Fact]
    public void A_model_key_without_a_default_is_reported_missing_at_the_entry()
    {
        var dir = DirectoryWith(("m.config.toml", ModelToml("demo", files: "[\"a.onnx\", \"b.onnx\"]").Replace("normalisation = \"unit\"\n", "")));
        File.WriteAllBytes(Path.Combine(dir, "a.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(dir, "b.onnx"), [0]);

        var error = SingleError(dir);

        Assert.Equal("models.demo.normalisation", error.KeyPath);
        Assert.StartsWith("missing; expected one of \"unit\"", error.Problem);
    }

    private static string ModelToml(string name, string files) => $"""
        [models.{name}]
        sequence = "t1"
        files = {files}
        orientation = "LIA"
        voxel_size = 2.0
        cube = 98
        normalisation = "unit"
        head = "linear"
        weights = [0.4, 0.6]

        """;
}
