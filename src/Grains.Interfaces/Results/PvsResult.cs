using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Contracts;

/// <summary><c>pvs</c>: how the PVS mask was made (method, threshold, cluster filter), the stored mask and its census.</summary>
/// <param name="Method"><c>frangi</c> or <c>onnx:NAME</c>.</param>
/// <param name="Threshold">The threshold with its comparison, e.g. <c>&gt;= 0.5</c>.</param>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.PvsResult")]
public sealed record PvsResult(
    [property: Id(0)] string Method,
    [property: Id(1)] string Threshold,
    [property: Id(2)] PvsCensus Census,
    [property: Id(3)] long MaskVoxels,
    [property: Id(4)] ArtifactReference Mask) : StageResult
{
    public const string MaskRole = "pvs_mask";
    public const string ClustersRole = "pvs_clusters";

    /// <summary>The thresholded, cluster-filtered mask before dilation (what the PVS analyses dilate and restrict themselves).</summary>
    [Id(5)] public ArtifactReference? Clusters { get; init; }

    /// <summary>Which PVS model's input the mask came from, <c>T1</c> or <c>T1-FLAIR</c> (the original's two PVS models); Frangi reads the T1.</summary>
    [Id(6)] public string? ModelInput { get; init; }

    public override IEnumerable<(string Role, ArtifactReference Artifact)> Artifacts() =>
        Clusters is { } clusters ? [(MaskRole, Mask), (ClustersRole, clusters)] : [(MaskRole, Mask)];
}
