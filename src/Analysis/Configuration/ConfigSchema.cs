namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// Every key the configuration knows, its shape and its accepted values. Keys follow the original pipeline's
/// config.toml; a key that no file sets takes its built-in default (<see cref="BuiltInDefaults"/>) or, without one, is reported missing.
/// </summary>
public static class ConfigSchema
{
    public static IReadOnlyList<string> MriSequences => MriSequenceNames.All;

    /// <summary>LRP composites by name, as the LRP engine registers them.</summary>
    public static IReadOnlyCollection<string> AnalyzerTypes => Xai.Composites.CompositeRegistry.Names;

    public static readonly IReadOnlyList<KeySpec> Keys =
    [
        new("PROJECT_NAME", ValueKind.String, "a non-empty project name", Accept: NonEmpty),

        new("paths.data", ValueKind.Directory, "a directory path (the data root; inputs outside it are refused)", Accept: NonEmpty),
        new("paths.artifacts", ValueKind.Directory, "a directory path (the artifact store, created on demand)", Accept: NonEmpty),
        new("paths.results", ValueKind.Directory, "a directory path (tables, maps and figures, created on demand)", Accept: NonEmpty),
        new("paths.models", ValueKind.Directory, "a directory path (ONNX models, created on demand)", Accept: NonEmpty),
        new("paths.freesurfer_subjects", ValueKind.ExistingDirectory, "an existing FreeSurfer SUBJECTS_DIR, or \"\" for none", Required: false),

        new("params.alpha", ValueKind.Number, "a number in (0, 1)", Accept: v => Number(v) is > 0 and < 1),
        new("params.mri_sequences", ValueKind.StringList, $"a non-empty list drawn from [{Quote(MriSequences)}]",
            Accept: v => List(v).Count > 0 && List(v).All(s => MriSequences.Contains((string)s))),
        new("params.analyzer_type", ValueKind.String, $"one of the LRP composites ({Quote(AnalyzerTypes)})", Accept: v => AnalyzerTypes.Contains((string)v)),
        new("params.pvs.threshold", ValueKind.Number, "a probability in [0, 1]", Accept: v => Number(v) is >= 0 and <= 1),
        new("params.pvs.cluster_size", ValueKind.Integer, "an integer >= 0 (voxels)", Accept: v => (long)v >= 0),
        new("params.pvs.threshold_comparison", ValueKind.String, "\">=\" (as the original) or \">\" (as SHiVAi)", Required: false,
            Accept: v => (string)v is ">=" or ">"),
        new("params.pvs.frangi_threshold", ValueKind.Number, "a vesselness in (0, 1] (the threshold when Frangi replaces a model)", Required: false,
            Accept: v => Number(v) is > 0 and <= 1),
        new("params.pvs.connectivity", ValueKind.Integer, "6 (as the original's nilearn call) or 26 (as SHiVAi)", Required: false,
            Accept: v => (long)v is 6 or 26),
        new("params.pvs.dilate_by", ValueKind.Integer, "an integer >= 0 (dilation iterations)", Accept: v => (long)v >= 0),
        new("params.pvs.basal_ganglia.dilate_mask_by", ValueKind.Integer, "an integer >= 0 (dilation iterations)", Accept: v => (long)v >= 0),
        new("params.pvs.basal_ganglia.atlas", ValueKind.String, "the name of an [atlases.NAME] probability map of the basal ganglia, or \"\" for none",
            Required: false),
        new("params.subcortical.rois", ValueKind.StringList, "a non-empty list of FreeSurfer aseg structure names",
            Accept: v => List(v).Count > 0 && List(v).All(s => ((string)s).Length > 0)),
        new("params.fa.threshold", ValueKind.Number, "a number in [0, 1]", Accept: v => Number(v) is >= 0 and <= 1),
        new("params.fa.atlas", ValueKind.String, "the name of an [atlases.NAME] white-matter label atlas in the FA maps' template space (JHU), or \"\" for none",
            Required: false),
        new("params.wml.threshold", ValueKind.Number, "a probability in [0, 1]", Accept: v => Number(v) is >= 0 and <= 1),
        new("params.wml.min_voxels", ValueKind.Integer, "an integer >= 0 (voxels)", Accept: v => (long)v >= 0),
        new("params.wml.relevance", ValueKind.String, "\"flair\" (the FLAIR sub-ensembles' relevance, as the original) or \"t1\"", Required: false,
            Accept: v => (string)v is "flair" or "t1"),

        .. ModelKeys.Specs,

        // [atlases.NAME]: label or probability atlases, in the subject's T1 space or a template space (Spaces/Atlases).
        new("atlases.*.file", ValueKind.File, "an existing atlas image (labels, or probabilities with a threshold)", Accept: NonEmpty),
        new("atlases.*.labels", ValueKind.File, "an existing label table: FSL atlas .xml, FreeSurfer LUT .txt/.ctab, or BIDS dseg .tsv",
            Required: false, Accept: NonEmpty),
        new("atlases.*.space", ValueKind.String, "\"subject\" or \"t1\" (the subject's T1 space), or a template name such as \"MNI152NLin2009cAsym\"",
            Required: false, Accept: NonEmpty),
        new("atlases.*.threshold", ValueKind.Number, "a probability in [0, 1) (a probability atlas: voxels above it after warping)", Required: false,
            Accept: v => Number(v) is >= 0 and < 1),
        new("atlases.*.dilate_by", ValueKind.Integer, "an integer >= 0 (dilations of each thresholded structure)", Required: false,
            Accept: v => (long)v >= 0),

        new("cluster.mode", ValueKind.String, "\"embedded\" or \"postgres\"", Accept: v => (string)v is "embedded" or "postgres"),
        new("cluster.connection_string", ValueKind.String, "an Npgsql connection string (required when mode = \"postgres\")", Required: false),
        new("cluster.placement", ValueKind.String, "\"require\" or \"prefer\" (GPU silos for inference)", Accept: v => (string)v is "require" or "prefer"),
        new("cluster.concurrency", ValueKind.Integer, "an integer >= 0 (subjects in flight per cohort; 0 = from the cluster's inference slots)", Accept: v => (long)v >= 0),
        new("cluster.bind_address", ValueKind.String, "an IP address the silo and gateway ports listen on (\"127.0.0.1\", \"0.0.0.0\" for every interface, or one interface's address)",
            Required: false, Accept: v => IsAddress((string)v)),
        new("cluster.advertised_address", ValueKind.String, "the IP address other silos and consoles reach this silo at, or \"\" for the bind address (the host's for 0.0.0.0)",
            Required: false, Accept: v => (string)v == "" || IsAddress((string)v)),
        new("cluster.silo_port", ValueKind.Integer, "a TCP port in 1..65535", Accept: IsPort),
        new("cluster.gateway_port", ValueKind.Integer, "a TCP port in 1..65535", Accept: IsPort),
        new("cluster.health_port", ValueKind.Integer, "a TCP port in 1..65535, or 0 for no health endpoint", Accept: v => (long)v == 0 || IsPort(v)),
        new("cluster.health_bind_address", ValueKind.String, "the IP address the health endpoint listens on, or \"\" for bind_address",
            Required: false, Accept: v => (string)v == "" || IsAddress((string)v)),
        new("cluster.dashboard", ValueKind.Boolean, "true or false (the Orleans Dashboard shows grain state: loopback, or a client certificate with TLS on)"),
        new("cluster.dashboard_port", ValueKind.Integer, "a TCP port in 1..65535", Accept: IsPort),
        new("cluster.dashboard_bind_address", ValueKind.String, "the IP address the dashboard listens on (default \"127.0.0.1\")",
            Required: false, Accept: v => IsAddress((string)v)),
        new("cluster.allow_insecure", ValueKind.Boolean, "true or false (start without TLS although ports listen beyond loopback: anyone who reaches them can read and change every cohort)",
            Required: false),
        new("cluster.tls", ValueKind.Boolean, "true or false (mutual TLS between silos, consoles and the dashboard; ignored in embedded mode)", Required: false),
        new("cluster.tls_certificate", ValueKind.File, "a PKCS#12/PFX file with this process's certificate and key: a silo's cluster certificate or a console's client certificate (required when tls = true)", Required: false),
        new("cluster.tls_certificate_password_env", ValueKind.String, "the name of the environment variable holding the PFX password, or \"\" for none",
            Required: false, Accept: v => IsEnvironmentVariableName((string)v)),
        new("cluster.tls_ca", ValueKind.File, "the cluster CA's certificate (PEM or DER) that silo and console certificates must chain to, or \"\" to trust only the own (shared, self-signed) certificate",
            Required: false),
    ];

    public static KeySpec? Find(string keyPath) => Keys.FirstOrDefault(k => k.Matches(keyPath));

    private static bool NonEmpty(object v) => ((string)v).Trim().Length > 0;

    private static bool IsEnvironmentVariableName(string name) =>
        name.Length == 0 || ((char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));

    private static bool IsAddress(string v) => ClusterSettings.TryParseAddress(v, out _);

    private static bool IsPort(object v) => (long)v is >= 1 and <= 65535;

    private static double Number(object v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<object> List(object v) => (IReadOnlyList<object>)v;

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
