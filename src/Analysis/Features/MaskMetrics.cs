namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// Relevance inside a feature mask (PVS or white-matter lesions) for one subject, with the original pipeline's
/// column names and definitions (relevancerelated.py, run_pvs_stats): "non-zero" and "positive" refer to relevance
/// voxels over the whole map; "inside the mask" counts every mask voxel, zero relevance included.
/// </summary>
public sealed record MaskMetrics(
    string Feature,
    double AVoxel,
    double SVoxel,
    long NFeatureVoxel,
    double AFeatureVoxel,
    double SFeatureVoxel,
    double AsVoxel,
    double SPosVoxel,
    double SNegVoxel,
    double PFeatureVoxel,
    double PVoxel,
    double ApVoxel,
    double Age,
    double BrainAge)
{
    /// <summary>The features the original analysed: perivascular spaces and white-matter lesions.</summary>
    public static readonly IReadOnlyList<string> Features = ["pvs", "wml"];

    /// <summary>Column names in the original's order, e.g. a_voxel, s_voxel, n_pvs_voxel, ...</summary>
    public static IReadOnlyList<string> ColumnNames(string feature) =>
    [
        "a_voxel", "s_voxel", $"n_{feature}_voxel", $"a_{feature}_voxel", $"s_{feature}_voxel", "as_voxel",
        "s_pos_voxel", "s_neg_voxel", $"p_{feature}_voxel", "p_voxel", "ap_voxel", "age", "brain_age",
    ];

    /// <summary>Values in the order of <see cref="ColumnNames"/>.</summary>
    public IReadOnlyList<double> Values() =>
        [AVoxel, SVoxel, NFeatureVoxel, AFeatureVoxel, SFeatureVoxel, AsVoxel, SPosVoxel, SNegVoxel, PFeatureVoxel, PVoxel, ApVoxel, Age, BrainAge];

    /// <param name="relevance">The relevance map.</param>
    /// <param name="mask">The feature mask on the same grid (true inside).</param>
    /// <param name="feature">"pvs" or "wml"; names the columns.</param>
    public static MaskMetrics Compute(ReadOnlySpan<float> relevance, ReadOnlySpan<bool> mask, string feature, double age = double.NaN, double brainAge = double.NaN)
    {
        if (!Features.Contains(feature)) throw new InvalidInputException($"--feature: '{feature}' is not one of {string.Join(", ", Features)}.");
        if (relevance.Length != mask.Length)
            throw new InvalidInputException($"The {feature} mask has {mask.Length} voxels but the relevance map has {relevance.Length}; they must share a grid.");
        double sNonZero = 0, sPos = 0, sNeg = 0, sMask = 0;
        long nNonZero = 0, nPos = 0, nMask = 0;
        for (var i = 0; i < relevance.Length; i++)
        {
            double v = relevance[i];
            if (v != 0)
            {
                sNonZero += v;
                nNonZero++;
                if (v > 0) { sPos += v; nPos++; }
                else sNeg += v;
            }
            if (mask[i]) { sMask += v; nMask++; }
        }
        var aVoxel = sNonZero / nNonZero;
        var aMask = sMask / nMask;
        var apVoxel = sPos / nPos;
        return new MaskMetrics(feature,
            AVoxel: aVoxel,
            SVoxel: sNonZero,
            NFeatureVoxel: nMask,
            AFeatureVoxel: aMask,
            SFeatureVoxel: sMask,
            AsVoxel: sNonZero * nMask,
            SPosVoxel: sPos,
            SNegVoxel: sNeg,
            PFeatureVoxel: sMask / sPos,
            PVoxel: apVoxel * nMask / sPos,
            ApVoxel: apVoxel,
            Age: age,
            BrainAge: brainAge);
    }
}
