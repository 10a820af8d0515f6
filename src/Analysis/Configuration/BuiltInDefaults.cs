namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// The value every key takes when no file sets it, by key pattern (README's tables list the same; the repository's
/// configs/config.toml sets each top-level key to it). Keys of named entries (<c>models.*</c>, <c>pvs_models.*</c>, <c>atlases.*</c>)
/// are filled in for every entry a file declares. Relative paths resolve against the configuration directory.
/// </summary>
public static class BuiltInDefaults
{
    /// <summary>Where a filled-in value came from, as <c>config show</c> prints it.</summary>
    public const string Source = "(built-in default)";

    public static readonly IReadOnlyDictionary<string, object> Values = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["PROJECT_NAME"] = "RelevanceRelated",
        ["paths.data"] = "../work/data",
        ["paths.artifacts"] = "../work/artifacts",
        ["paths.results"] = "../work/results",
        ["paths.models"] = "../work/models",
        ["paths.freesurfer_subjects"] = "",

        ["params.alpha"] = 0.05,
        ["params.mri_sequences"] = Strings("t1", "flair", "swi"),
        ["params.analyzer_type"] = "lrp.sequential_preset_a",
        ["params.pvs.threshold"] = 0.5,
        ["params.pvs.threshold_comparison"] = ">=",
        ["params.pvs.frangi_threshold"] = 0.15,
        ["params.pvs.cluster_size"] = 5L,
        ["params.pvs.connectivity"] = 6L,
        ["params.pvs.dilate_by"] = 1L,
        ["params.pvs.basal_ganglia.dilate_mask_by"] = 5L,
        ["params.pvs.basal_ganglia.atlas"] = "",
        ["params.subcortical.rois"] = Strings(
            "Left-Lateral-Ventricle", "Left-Inf-Lat-Vent", "Left-Cerebellum-White-Matter", "Left-Cerebellum-Cortex",
            "Left-Thalamus", "Left-Caudate", "Left-Putamen", "Left-Pallidum", "Left-Hippocampus", "Left-Amygdala",
            "Left-Accumbens-area",
            "Right-Lateral-Ventricle", "Right-Inf-Lat-Vent", "Right-Cerebellum-White-Matter", "Right-Cerebellum-Cortex",
            "Right-Thalamus", "Right-Caudate", "Right-Putamen", "Right-Pallidum", "Right-Hippocampus", "Right-Amygdala",
            "Right-Accumbens-area",
            "3rd-Ventricle", "CSF", "Brain-Stem"),
        ["params.fa.threshold"] = 0.2,
        ["params.fa.atlas"] = "",
        ["params.wml.threshold"] = 0.8,
        ["params.wml.min_voxels"] = 30L,
        ["params.wml.relevance"] = "flair",

        ["models.*.sequence"] = "t1",
        ["models.*.load"] = "get_fdata",
        ["models.*.resample"] = "voxel_size",
        ["models.*.interpolation"] = "linear",
        ["models.*.crop"] = "brain_bbox",
        ["models.*.crop_threshold"] = 0.0,
        ["models.*.brain_mask"] = "none",
        ["models.*.normalise_before_crop"] = false,
        ["models.*.clip_scope"] = "brain",
        ["models.*.scale_divisor"] = 255.0,
        ["models.*.head"] = "mean",
        ["models.*.intercept"] = 0.0,
        ["models.*.output"] = "identity",
        ["models.*.output_scale"] = 1.0,
        ["models.*.output_offset"] = 0.0,

        ["pvs_models.*.box"] = new List<object> { 160L, 214L, 176L },
        ["pvs_models.*.clip_percentile"] = 99.0,
        ["pvs_models.*.clip_scope"] = "volume",

        // [atlases.NAME] (Spaces/Atlases): in the subject's T1 space, not dilated.
        ["atlases.*.space"] = "subject",
        ["atlases.*.dilate_by"] = 0L,

        ["cluster.mode"] = "embedded",
        ["cluster.connection_string"] = "",
        ["cluster.placement"] = "prefer",
        ["cluster.concurrency"] = 0L,
        ["cluster.bind_address"] = "127.0.0.1",
        ["cluster.advertised_address"] = "",
        ["cluster.silo_port"] = 11111L,
        ["cluster.gateway_port"] = 30000L,
        ["cluster.health_port"] = 8081L,
        ["cluster.health_bind_address"] = "",
        ["cluster.dashboard"] = false,
        ["cluster.dashboard_port"] = 8080L,
        ["cluster.dashboard_bind_address"] = "127.0.0.1",
        ["cluster.allow_insecure"] = false,
        ["cluster.tls"] = false,
        ["cluster.tls_certificate"] = "",
        ["cluster.tls_certificate_password_env"] = "",
        ["cluster.tls_ca"] = "",
    };

    /// <summary>
    /// Adds an entry (<see cref="Source"/>, line 0) for every key with a default that no file set: top-level keys,
    /// and the keys of every <c>[table.name]</c> entry that a file declares. Paths resolve against <paramref name="baseDirectory"/>.
    /// </summary>
    public static void Fill(Dictionary<string, ConfigEntry> entries, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (pattern, value) in Values)
        {
            var parts = pattern.Split('.');
            if (parts.Length == 3 && parts[1] == "*")
            {
                foreach (var name in ConfigurationValidator.TableNames(entries, parts[0]).ToArray())
                    Add($"{parts[0]}.{name}.{parts[2]}", value);
            }
            else Add(pattern, value);
        }

        void Add(string key, object value)
        {
            if (!entries.ContainsKey(key)) entries[key] = new ConfigEntry(key, value, Source, 0, baseDirectory);
        }
    }

    private static List<object> Strings(params string[] values) => [.. values];
}
