using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Models;

/// <summary>
/// The original pipeline's PVS post-processing parameters (<c>[params.pvs]</c>): threshold and its comparison,
/// smallest kept cluster and the connectivity that defines clusters, dilation, border-only output, and the
/// dilation of a basal-ganglia mask that restricts the result.
/// </summary>
public sealed record PvsPostProcessingOptions
{
    public double Threshold { get; init; } = 0.5;

    /// <summary>
    /// Vesselness is not a probability: with c from the Hessian norm, tubes of 0.5–1.5 mm respond at 0.1–0.8, so
    /// the Frangi path thresholds lower (<c>params.pvs.frangi_threshold</c>).
    /// </summary>
    public const double DefaultFrangiThreshold = 0.15;

    public ThresholdComparison Comparison { get; init; } = ThresholdComparison.GreaterOrEqual;

    /// <summary>Clusters with fewer voxels are dropped (0 keeps all).</summary>
    public int ClusterSize { get; init; } = 5;

    /// <summary>6 as the original's nilearn call, 26 as SHiVAi.</summary>
    public Connectivity Connectivity { get; init; } = Connectivity.Six;

    /// <summary>Dilation iterations (6-connected cross) applied to the output mask; 0 for none.</summary>
    public int DilateBy { get; init; }

    /// <summary>Output only the voxels the dilation adds (dilated minus the clusters); needs <see cref="DilateBy"/> ≥ 1.</summary>
    public bool BorderOnly { get; init; }

    /// <summary>Dilation iterations of the basal-ganglia mask before it restricts the clusters.</summary>
    public int BasalGangliaDilateMaskBy { get; init; }

    /// <param name="frangi">Whether the map is Frangi vesselness (then <c>frangi_threshold</c> applies).</param>
    public static PvsPostProcessingOptions FromConfig(PvsParams p, bool frangi = false) => new()
    {
        Threshold = frangi ? p.FrangiThreshold : p.Threshold,
        Comparison = ThresholdComparisons.Parse(p.ThresholdComparison, "params.pvs.threshold_comparison"),
        ClusterSize = p.ClusterSize,
        Connectivity = Connectivities.Parse(p.Connectivity),
        DilateBy = p.DilateBy,
        BasalGangliaDilateMaskBy = p.BasalGangliaDilateMaskBy,
    };

    internal void Validate()
    {
        if (double.IsNaN(Threshold)) throw new InvalidInputException("pvs: the threshold is not a number");
        if (ClusterSize < 0) throw new InvalidInputException($"pvs: cluster size {ClusterSize} must be 0 or more");
        if (DilateBy < 0 || BasalGangliaDilateMaskBy < 0)
            throw new InvalidInputException($"pvs: dilate_by ({DilateBy}) and dilate_mask_by ({BasalGangliaDilateMaskBy}) must be 0 or more");
        if (BorderOnly && DilateBy < 1) throw new InvalidInputException("pvs: a border-only map needs dilate_by >= 1");
    }
}
