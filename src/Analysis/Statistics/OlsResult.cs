namespace RelevanceRelated.Analysis.Statistics;

/// <summary>One row of summary(lm)'s coefficient table.</summary>
public sealed record OlsCoefficient(string Term, double Estimate, double StandardError, double T, double P);

/// <summary>
/// A least-squares fit as summary(lm(...)) reports it: coefficients with (Intercept) first, R², adjusted R²,
/// the overall F test on (<see cref="FNumeratorDf"/>, <see cref="FDenominatorDf"/>) degrees of freedom, and the
/// residuals of the rows used (NaN for rows dropped for a missing value, as na.exclude).
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
    double[] Fitted);
