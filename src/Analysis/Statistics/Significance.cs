namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// The R scripts' significance flag: <c>ifelse(p_corrected &lt; alpha, "yes", "no")</c>, with alpha from
/// <c>[params].alpha</c> instead of the scripts' literal 0.05. A missing p is NA in R; here an empty cell.
/// </summary>
public static class Significance
{
    public static string Flag(double correctedP, double alpha)
    {
        RequireAlpha(alpha);
        return double.IsNaN(correctedP) ? "" : correctedP < alpha ? "yes" : "no";
    }

    public static void RequireAlpha(double alpha)
    {
        if (!(alpha is > 0 and < 1)) throw new InvalidInputException($"alpha = {alpha}; expected a significance level in (0, 1) ([params].alpha).");
    }

    /// <summary>The R scripts' Bonferroni: p × number of tests, not capped at 1 (p.adjust would cap it).</summary>
    public static double BonferroniUncapped(double p, int tests) => p * tests;
}
