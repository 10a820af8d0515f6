using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Tail probabilities and quantiles computed the way R does: upper tails come straight from the regularized
/// incomplete beta/gamma functions, never as 1 − CDF, so tiny p-values keep their relative precision.
/// </summary>
public static class Distributions
{
    /// <summary>P(T &gt; t) for Student's t with <paramref name="df"/> degrees of freedom (R: pt(t, df, lower.tail = FALSE)).</summary>
    public static double StudentTUpper(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 0;
        if (double.IsNegativeInfinity(t)) return 1;
        // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); the tail beyond |t| is half of it.
        var half = 0.5 * SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>P(T &lt; t) for Student's t (R: pt(t, df)).</summary>
    public static double StudentTLower(double t, double df) => StudentTUpper(-t, df);

    /// <summary>Two-sided p of a t statistic: 2 · min(lower, upper), capped at 1 (as R's cor.test and summary.lm).</summary>
    public static double StudentTTwoSided(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df)) return double.NaN;
        return Math.Min(1, 2 * StudentTUpper(Math.Abs(t), df));
    }

    /// <summary>P(F &gt; f) for Fisher's F (R: pf(f, d1, d2, lower.tail = FALSE)).</summary>
    public static double FisherFUpper(double f, double d1, double d2)
    {
        if (double.IsNaN(f)) return double.NaN;
        if (f <= 0) return 1;
        if (double.IsPositiveInfinity(f)) return 0;
        return SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
    }

    /// <summary>P(X² &gt; x) for chi-squared with <paramref name="df"/> degrees of freedom (R: pchisq(x, df, lower.tail = FALSE)).</summary>
    public static double ChiSquaredUpper(double x, double df)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
    }

    /// <summary>The standard normal quantile (R: qnorm(p)).</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>
    /// The Student t quantile (R: qt(p, df)). MathNet's inverse is a bracketing root search of limited accuracy,
    /// so it only seeds Newton steps on the accurate tail above.
    /// </summary>
    public static double StudentTQuantile(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || df <= 0 || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        // Work in the upper tail of |t| so the target probability stays small and precise.
        var upper = p > 0.5 ? 1 - p : p;
        var t = Math.Abs(StudentT.InvCDF(0, 1, df, upper));
        for (var i = 0; i < 50; i++)
        {
            var f = StudentTUpper(t, df) - upper;
            var density = StudentT.PDF(0, 1, df, t);
            if (density == 0) break;
            var step = f / density; // d/dt of the upper tail is −density
            t += step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, Math.Abs(t))) break;
        }
        return p > 0.5 ? t : -t;
    }
}
