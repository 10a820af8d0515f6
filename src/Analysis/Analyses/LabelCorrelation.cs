using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// One region's correlation across subjects as the R scripts tabulate it: r and p of cor.test, the Bonferroni p as the
/// scripts compute it (p × number of regions, not capped at 1) and the flag <c>p_corrected &lt; alpha</c>. Regions with
/// fewer than 3 complete pairs (where cor.test stops) get NaN, n tells how many pairs there were.
/// </summary>
public sealed record LabelCorrelation(string Label, int N, double R, double P, double PCorrected, string Significant)
{
    /// <summary>gm_cortical_surface_plots.R's columns (plus n): label, r, p_value, p_value_corrected, significant.</summary>
    public static readonly CsvLayout<LabelCorrelation> CorticalLayout = new(
        ("label", c => c.Label),
        ("r", c => CsvTableWriter.Format(c.R)),
        ("p_value", c => CsvTableWriter.Format(c.P)),
        ("p_value_corrected", c => CsvTableWriter.Format(c.PCorrected)),
        ("significant", c => c.Significant),
        ("n", c => CsvTableWriter.Format(c.N)));

    /// <summary>Pearson correlations of x with y per group, Bonferroni over the groups as the scripts do.</summary>
    public static IReadOnlyList<LabelCorrelation> PerGroup<TRow>(IEnumerable<IGrouping<string, TRow>> groups, Func<TRow, double> x, Func<TRow, double> y, double alpha)
    {
        Significance.RequireAlpha(alpha);
        var list = groups.ToList();
        return list.Select(g =>
        {
            var (n, r, p) = Pearson(g.Select(x).ToArray(), g.Select(y).ToArray());
            var corrected = Significance.BonferroniUncapped(p, list.Count);
            return new LabelCorrelation(g.Key, n, r, p, corrected, Significance.Flag(corrected, alpha));
        }).ToList();
    }

    /// <summary>cor.test on the complete pairs; NaN r and p with fewer than 3 pairs.</summary>
    public static (int N, double R, double P) Pearson(double[] x, double[] y)
    {
        var (cx, _) = MissingValues.CompletePairs(x, y);
        if (cx.Length < 3) return (cx.Length, double.NaN, double.NaN);
        var test = PearsonCorrelation.Test(x, y);
        return (test.N, test.R, test.P);
    }
}
