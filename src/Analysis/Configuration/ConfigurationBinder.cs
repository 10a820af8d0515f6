using System.Globalization;
using System.Net;

namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Turns validated entries into the immutable <see cref="RelevanceRelatedConfig"/> records.</summary>
public static class ConfigurationBinder
{
    public static RelevanceRelatedConfig Bind(IReadOnlyDictionary<string, ConfigEntry> entries)
    {
        var read = new Reader(entries);
        return new RelevanceRelatedConfig(
            ProjectName: read.String("PROJECT_NAME"),
            Paths: new PathsConfig(
                Data: read.Path("paths.data")!,
                Artifacts: read.Path("paths.artifacts")!,
                Results: read.Path("paths.results")!,
                Models: read.Path("paths.models")!,
                FreeSurferSubjects: read.Path("paths.freesurfer_subjects")),
            Params: new ParamsConfig(
                Alpha: read.Number("params.alpha"),
                MriSequences: read.Strings("params.mri_sequences"),
                AnalyzerType: read.String("params.analyzer_type"),
                Pvs: new PvsParams(
                    Threshold: read.Number("params.pvs.threshold"),
                    ClusterSize: read.Integer("params.pvs.cluster_size"),
                    DilateBy: read.Integer("params.pvs.dilate_by"),
                    BasalGangliaDilateMaskBy: read.Integer("params.pvs.basal_ganglia.dilate_mask_by"),
                    ThresholdComparison: read.OptionalString("params.pvs.threshold_comparison") ?? ">=",
                    Connectivity: read.Has("params.pvs.connectivity") ? read.Integer("params.pvs.connectivity") : 6,
                    FrangiThreshold: read.Has("params.pvs.frangi_threshold") ? read.Number("params.pvs.frangi_threshold") : 0.15)
                {
                    BasalGangliaAtlas = NoneIfEmpty(read.OptionalString("params.pvs.basal_ganglia.atlas")),
                },
                SubcorticalRois: read.Strings("params.subcortical.rois"),
                FaThreshold: read.Number("params.fa.threshold"),
                Wml: new WmlParams(read.Number("params.wml.threshold"), read.Integer("params.wml.min_voxels"))
                {
                    Relevance = RelevanceSequences.Parse(read.OptionalString("params.wml.relevance") ?? "flair", "params.wml.relevance"),
                })
            {
                FaAtlas = NoneIfEmpty(read.OptionalString("params.fa.atlas")),
            },
            Models: ConfigurationValidator.ModelNames(entries).ToDictionary(name => name, name => BindModel(read, name), StringComparer.Ordinal),
            Cluster: BindCluster(read),
            PvsModels: ConfigurationValidator.TableNames(entries, "pvs_models").ToDictionary(name => name, name => BindPvsModel(read, name), StringComparer.Ordinal))
        {
            Atlases = ConfigurationValidator.TableNames(entries, "atlases").ToDictionary(name => name, name => BindAtlas(read, name), StringComparer.Ordinal),
        };
    }

    private static string? NoneIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>space "subject" or "t1" is the subject's T1 space (no template).</summary>
    private static AtlasConfig BindAtlas(Reader read, string name)
    {
        var p = $"atlases.{name}.";
        var space = read.String(p + "space");
        return new AtlasConfig(
            Name: name,
            File: read.Path(p + "file")!,
            Labels: read.Path(p + "labels"),
            Template: space.Equals("subject", StringComparison.OrdinalIgnoreCase) || space.Equals("t1", StringComparison.OrdinalIgnoreCase) ? null : space,
            Threshold: read.Has(p + "threshold") ? read.Number(p + "threshold") : null,
            DilateBy: read.Integer(p + "dilate_by"));
    }

    private static ModelConfig BindModel(Reader read, string name)
    {
        var p = $"models.{name}.";
        var orientation = read.String(p + "orientation");
        var recipe = new PreprocessingRecipe
        {
            Load = ModelOptionNames.Load.Parse(read.String(p + "load")),
            Orientation = orientation == ModelOptionNames.NativeOrientation ? null : orientation,
            Resample = ModelOptionNames.Resample.Parse(read.String(p + "resample")),
            VoxelSize = read.Has(p + "voxel_size") ? read.Number(p + "voxel_size") : null,
            Zoom = read.Has(p + "zoom") ? read.Triple(p + "zoom") : null,
            Interpolation = ModelOptionNames.Interpolation.Parse(read.String(p + "interpolation")),
            Box = read.Has(p + "box") ? read.Integers(p + "box") : Enumerable.Repeat(read.Integer(p + "cube"), 3).ToArray(),
            Crop = ModelOptionNames.Crop.Parse(read.String(p + "crop")),
            CropThreshold = read.Has(p + "crop_threshold") ? read.Number(p + "crop_threshold") : 0,
            BrainMask = ModelOptionNames.BrainMask.Parse(read.String(p + "brain_mask")),
            Normalisation = ModelOptionNames.Normalisation.Parse(read.String(p + "normalisation")),
            NormaliseBeforeCrop = read.Boolean(p + "normalise_before_crop"),
            ClipPercentile = read.Has(p + "clip_percentile") ? read.Number(p + "clip_percentile") : null,
            ClipScope = ModelOptionNames.ClipScope.Parse(read.String(p + "clip_scope")),
            ScaleDivisor = read.Number(p + "scale_divisor"),
            IntensityMax = read.Has(p + "intensity_max") ? read.Number(p + "intensity_max") : null,
        };
        return new ModelConfig(
            Name: name,
            Sequence: read.String(p + "sequence"),
            Files: read.Paths(p + "files"),
            Recipe: recipe,
            Head: new ModelHead(ModelOptionNames.Head.Parse(read.String(p + "head")), read.Number(p + "intercept"),
                read.Has(p + "weights") ? read.Numbers(p + "weights") : null),
            Output: new ModelOutput(ModelOptionNames.Output.Parse(read.String(p + "output")),
                AgeRange: read.Has(p + "age_range") ? read.Numbers(p + "age_range") : null,
                BinCentres: read.Has(p + "bin_centres") ? read.Numbers(p + "bin_centres") : null,
                Scale: read.Number(p + "output_scale"),
                Offset: read.Number(p + "output_offset")));
    }

    /// <summary>The <c>[cluster]</c> section; keys the file leaves out keep <see cref="ClusterSettings"/>' defaults.</summary>
    private static ClusterSettings BindCluster(Reader read)
    {
        var defaults = new ClusterSettings();
        IPAddress? Address(string key) => read.OptionalString(key) is { } text && ClusterSettings.TryParseAddress(text, out var address) ? address : null;
        return new ClusterSettings
        {
            // The schema admits only the enum names in lower case.
            Mode = Enum.Parse<ClusterMode>(read.String("cluster.mode"), ignoreCase: true),
            ConnectionString = read.OptionalString("cluster.connection_string"),
            Placement = Enum.Parse<AcceleratorPolicy>(read.String("cluster.placement"), ignoreCase: true),
            Concurrency = read.Integer("cluster.concurrency"),
            BindAddress = Address("cluster.bind_address") ?? defaults.BindAddress,
            AdvertisedAddress = Address("cluster.advertised_address"),
            SiloPort = read.Integer("cluster.silo_port"),
            GatewayPort = read.Integer("cluster.gateway_port"),
            HealthPort = read.Integer("cluster.health_port"),
            HealthBindAddress = Address("cluster.health_bind_address"),
            Dashboard = read.Boolean("cluster.dashboard"),
            DashboardPort = read.Integer("cluster.dashboard_port"),
            DashboardBindAddress = Address("cluster.dashboard_bind_address") ?? defaults.DashboardBindAddress,
            AllowInsecure = read.Has("cluster.allow_insecure") && read.Boolean("cluster.allow_insecure"),
            Tls = read.Has("cluster.tls") && read.Boolean("cluster.tls"),
            TlsCertificate = read.Path("cluster.tls_certificate"),
            TlsCertificatePasswordEnv = read.OptionalString("cluster.tls_certificate_password_env"),
            TlsCa = read.Path("cluster.tls_ca"),
        };
    }

    private static PvsModelConfig BindPvsModel(Reader read, string name)
    {
        var p = $"pvs_models.{name}.";
        return new PvsModelConfig(
            Name: name,
            Files: read.Paths(p + "files"),
            Channels: read.Strings(p + "channels"),
            Box: read.Integers(p + "box"),
            ClipPercentile: read.Number(p + "clip_percentile"),
            ClipScope: ModelOptionNames.ClipScope.Parse(read.String(p + "clip_scope")));
    }

    /// <summary>
    /// Typed access to validated entries, the built-in defaults filled in. A missing key or a shape mismatch here is
    /// a bug in the schema or the defaults, not user error.
    /// </summary>
    private sealed class Reader(IReadOnlyDictionary<string, ConfigEntry> entries)
    {
        public bool Has(string key) => entries.ContainsKey(key);

        private object Value(string key) => entries.TryGetValue(key, out var entry) ? entry.Value
            : throw new KeyNotFoundException($"{key}: absent and without a built-in default (the validator should have refused it)");

        public string String(string key) => (string)Value(key);

        public string? OptionalString(string key) => entries.GetValueOrDefault(key)?.Value as string is { Length: > 0 } s ? s : null;

        public int Integer(string key) => checked((int)(long)Value(key));

        public double Number(string key) => Convert.ToDouble(Value(key), CultureInfo.InvariantCulture);

        public bool Boolean(string key) => (bool)Value(key);

        /// <summary>A number or three: one per axis.</summary>
        public IReadOnlyList<double> Triple(string key) => Value(key) is IReadOnlyList<object> list
            ? list.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray()
            : Enumerable.Repeat(Number(key), 3).ToArray();

        public IReadOnlyList<string> Strings(string key) => List(key).Select(v => (string)v).ToArray();

        public IReadOnlyList<int> Integers(string key) => List(key).Select(v => checked((int)(long)v)).ToArray();

        public IReadOnlyList<double> Numbers(string key) => List(key).Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();

        public string? Path(string key) => entries.GetValueOrDefault(key) is { Value: string { Length: > 0 } path } entry
            ? ConfigurationValidator.ResolvePath(entry, path)
            : null;

        public IReadOnlyList<string> Paths(string key) =>
            List(key).Select(v => ConfigurationValidator.ResolvePath(entries[key], (string)v)).ToArray();

        private IReadOnlyList<object> List(string key) => (IReadOnlyList<object>)Value(key);
    }
}
