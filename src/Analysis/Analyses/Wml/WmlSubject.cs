using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Analyses.Wml;

/// <summary>
/// One subject's row of WMlesion.csv (the original's run_wml_stats): the relevance map of a FLAIR sub-ensemble and the
/// lesion probability map (LST-lpa), both on the subject's T1 grid (moving the lesion map from FLAIR space is the
/// spaces layer's job), the lesion mask being probability &gt; <c>[params.wml].threshold</c>.
/// </summary>
public static class WmlSubject
{
    public static MaskMetricsRow Row(string subject, ReadOnlySpan<float> relevance, ReadOnlySpan<float> lesionProbability,
        double threshold = LesionMask.DefaultThreshold, double age = double.NaN, double brainAge = double.NaN)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InvalidInputException("WML: a subject identifier is required.");
        var mask = LesionMask.FromProbability(lesionProbability, threshold);
        return new MaskMetricsRow(subject, MaskMetrics.Compute(relevance, mask, MaskFeature.Wml, age, brainAge));
    }
}
