using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// One row of a model summary table: a term of a fitted model (or the r of a correlation) with its estimate, standard
/// error, test statistic (t, or χ² for a χ² test) and p, and the model's n, R², and R's AIC() and BIC() (empty where
/// they do not apply). The original printed these (model_summary_publication_ready, cprint); we write them.
/// </summary>
public sealed record ModelSummaryRow(string Model, string Term, double Estimate, double StdError, double Statistic, double Df, double P,
    int N, double RSquared, double Aic, double Bic)
{
    public static readonly CsvLayout<ModelSummaryRow> Layout = new(
        ("model", r => r.Model),
        ("term", r => r.Term),
        ("estimate", r => CsvTableWriter.Format(r.Estimate)),
        ("std_error", r => CsvTableWriter.Format(r.StdError)),
        ("statistic", r => CsvTableWriter.Format(r.Statistic)),
        ("df", r => CsvTableWriter.Format(r.Df)),
        ("p", r => CsvTableWriter.Format(r.P)),
        ("n", r => CsvTableWriter.Format(r.N)),
        ("r_squared", r => CsvTableWriter.Format(r.RSquared)),
        ("aic", r => CsvTableWriter.Format(r.Aic)),
        ("bic", r => CsvTableWriter.Format(r.Bic)));

    /// <summary>summary(lm) of a fit: one row per coefficient, (Intercept) first, t on the residual degrees of freedom.</summary>
    public static IEnumerable<ModelSummaryRow> Of(string model, OlsResult fit) =>
        fit.Coefficients.Select(c => new ModelSummaryRow(model, c.Term, c.Estimate, c.StandardError, c.T, fit.FDenominatorDf, c.P,
            fit.N, fit.RSquared, fit.Aic, fit.Bic));

    /// <summary>cor.test: one row with term "r", its t and df.</summary>
    public static ModelSummaryRow Of(string model, CorrelationResult correlation) =>
        new(model, "r", correlation.R, double.NaN, correlation.T, correlation.Df, correlation.P, correlation.N, double.NaN, double.NaN, double.NaN);

    /// <summary>chisq.test: one row with term "X-squared".</summary>
    public static ModelSummaryRow Of(string model, ChiSquaredResult test, int n) =>
        new(model, "X-squared", double.NaN, double.NaN, test.Statistic, test.Df, test.P, n, double.NaN, double.NaN, double.NaN);
}
