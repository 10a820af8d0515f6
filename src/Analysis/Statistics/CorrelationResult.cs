namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// One correlation test as R's cor.test reports it: the estimate, its t statistic on <see cref="Df"/> degrees of
/// freedom, the two-sided p-value, and the 95 % Fisher-z interval (NaN for Spearman, or for Pearson with n ≤ 3).
/// </summary>
public sealed record CorrelationResult(int N, double R, double T, int Df, double P, double CiLow, double CiHigh);
