namespace RelevanceRelated.Analysis.Statistics;

/// <summary>One row of summary(lm)'s coefficient table.</summary>
public sealed record OlsCoefficient(string Term, double Estimate, double StandardError, double T, double P);

/// <summary>
/// A least-squares fit as summary(lm(...)) reports it: coefficients with (Intercept) first, R², adjusted R²,
/// the overall F test on (<see cref="FNumeratorDf"/>, <see cref="FDenominatorDf"/>) degrees of freedom, the
/// residuals of the rows used (NaN for rows dropped for a missing value, as na.exclude), and the Gaussian
/// log-likelihood with R's AIC() and BIC() of the fit.
/// </summary>
public sealed record OlsResult(
    int N,
    IReadOnlyList<OlsCoefficient> Coefficients,
    double ResidualStandardError,
    double RSquared,
    double AdjustedRSquared,
    double F,
    int FNumeratorDf,
    int FDenominatorDf,
    double FP,
    double[] Residuals,
    double[] Fitted,
    double LogLikelihood)
{
    /// <summary>Estimated parameters as R's logLik.lm counts them: the coefficients and the residual variance.</summary>
    public int ParameterCount => Coefficients.Count + 1;

    /// <summary>R's AIC(lm): −2 logLik + 2 (p + 1). statsmodels' <c>aic</c> leaves the variance out (2 less).</summary>
    public double Aic => -2 * LogLikelihood + 2 * ParameterCount;

    /// <summary>R's BIC(lm): −2 logLik + log(n) (p + 1). statsmodels' <c>bic</c> is log(n) less.</summary>
    public double Bic => -2 * LogLikelihood + Math.Log(N) * ParameterCount;
}
