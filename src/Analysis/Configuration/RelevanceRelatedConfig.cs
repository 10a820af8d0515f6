namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The effective, validated configuration. Paths are absolute.</summary>
public sealed record RelevanceRelatedConfig(
    string ProjectName,
    PathsConfig Paths,
    ParamsConfig Params,
    IReadOnlyDictionary<string, ModelConfig> Models,
    ClusterSettings Cluster,
    IReadOnlyDictionary<string, PvsModelConfig> PvsModels)
{
    /// <summary><c>[atlases.&lt;name&gt;]</c> by name.</summary>
    public IReadOnlyDictionary<string, AtlasConfig> Atlases { get; init; } = new Dictionary<string, AtlasConfig>(StringComparer.Ordinal);
}

/// <summary><c>[paths]</c>: where data, artifacts, results and models live.</summary>
public sealed record PathsConfig(string Data, string Artifacts, string Results, string Models, string? FreeSurferSubjects);

/// <summary><c>[params]</c>: the analysis parameters of the original pipeline.</summary>
public sealed record ParamsConfig(
    double Alpha,
    IReadOnlyList<string> MriSequences,
    string AnalyzerType,
    PvsParams Pvs,
    IReadOnlyList<string> SubcorticalRois,
    double FaThreshold,
    WmlParams Wml)
{
    /// <summary><c>[params.fa].atlas</c>: the <c>[atlases]</c> entry of the FA analysis's white-matter labels (JHU), or null.</summary>
    public string? FaAtlas { get; init; }
}

/// <summary><c>[params.pvs]</c>: post-processing of PVS probability maps.</summary>
public sealed record PvsParams(double Threshold, int ClusterSize, int DilateBy, int BasalGangliaDilateMaskBy,
    string ThresholdComparison = ">=", int Connectivity = 6, double FrangiThreshold = 0.15)
{
    /// <summary><c>[params.pvs.basal_ganglia].atlas</c>: the <c>[atlases]</c> entry holding the basal-ganglia probability map, or null.</summary>
    public string? BasalGangliaAtlas { get; init; }
}

/// <summary><c>[params.wml]</c>: white-matter lesion masks from a lesion probability map.</summary>
public sealed record WmlParams(double Threshold, int MinVoxels)
{
    /// <summary><c>[params.wml].relevance</c>: whose relevance the lesion analysis reads (the original: the FLAIR sub-ensembles').</summary>
    public RelevanceSequence Relevance { get; init; } = RelevanceSequence.Flair;
}

/// <summary>
/// <c>[pvs_models.&lt;name&gt;]</c>: a PVS segmentation ensemble under the SHIVA contract: its fold ONNX files, the
/// input channels, the box (1 mm, RAS, brain-centred) and the intensity clipping before scaling to [0, 1].
/// </summary>
public sealed record PvsModelConfig(
    string Name,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Channels,
    IReadOnlyList<int> Box,
    double ClipPercentile,
    Imaging.PercentileScope ClipScope);

/// <summary>
/// <c>[atlases.&lt;name&gt;]</c>: an atlas image, its label table (FreeSurfer's standard names when null), the template it
/// is defined in (null: the subject's T1 space), and for a probability atlas its threshold and dilations.
/// </summary>
public sealed record AtlasConfig(string Name, string File, string? Labels, string? Template, double? Threshold, int DilateBy);
