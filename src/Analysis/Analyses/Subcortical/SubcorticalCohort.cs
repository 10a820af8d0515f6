using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Subcortical;

/// <summary>One ROI's correlation of volume with relevance across subjects.</summary>
public sealed record RoiCorrelation(string LabelName, int N, double R, double P, double PBonferroni, string Significant);

public sealed record SubcorticalResult(IReadOnlyList<SubcorticalRow> Table, IReadOnlyList<RoiCorrelation> Correlations);

/// <summary>
/// The cohort side of the subcortical analysis: per configured ROI (<c>[params.subcortical].rois</c>, its rows under
/// either FreeSurfer version's name, e.g. Left-Thalamus and Left-Thalamus-Proper) Pearson r of sum_relevance with volume
/// across subjects (the original's pearsonr; R's cor.test here, which drops missing pairs),
/// rows sorted by |r| descending as the original wrote corr_subcort_vol-relevance.csv; gm_subcortical_plots.R's
/// Bonferroni p × number of ROIs (not capped) and the flag against <c>[params].alpha</c> are added as columns.
/// </summary>
public static class SubcorticalCohort
{
    public const string CorrelationFileName = "corr_subcort_vol-relevance.csv";

    public static readonly CsvLayout<RoiCorrelation> CorrelationLayout = new(
        ("label_name", c => c.LabelName),
        ("r", c => CsvTableWriter.Format(c.R)),
        ("p", c => CsvTableWriter.Format(c.P)),
        ("p_bonf", c => CsvTableWriter.Format(c.PBonferroni)),
        ("significant", c => c.Significant),
        ("n", c => CsvTableWriter.Format(c.N)));

    public static SubcorticalResult Run(IReadOnlyList<SubcorticalRow> rows, IReadOnlyList<string> rois, double alpha)
    {
        Significance.RequireAlpha(alpha);
        if (rois.Count == 0) throw new InvalidInputException("[params.subcortical].rois is empty; name at least one aseg structure.");
        var byName = rows.ToLookup(r => r.LabelName, StringComparer.Ordinal);
        var correlations = rois.Select(roi =>
        {
            var group = StructureNames.Versions(roi).SelectMany(name => byName[name]).ToList();
            var (n, r, p) = LabelCorrelation.Pearson(group.Select(x => x.SumRelevance).ToArray(), group.Select(x => x.Volume).ToArray());
            var corrected = Significance.BonferroniUncapped(p, rois.Count);
            return new RoiCorrelation(roi, n, r, p, corrected, Significance.Flag(corrected, alpha));
        })
        .OrderByDescending(c => double.IsNaN(c.R) ? double.NegativeInfinity : Math.Abs(c.R))
        .ToList();
        return new SubcorticalResult(rows, correlations);
    }

    /// <param name="includeTable">Also write the merged table (not when the statistics were run on that very file).</param>
    public static IReadOnlyList<string> Write(SubcorticalResult result, ResultsLayout layout, bool includeTable = true)
    {
        var correlations = ResultsLayout.In(layout.Gm, CorrelationFileName);
        CorrelationLayout.Write(correlations, result.Correlations);
        if (!includeTable) return [correlations];
        var merged = ResultsLayout.In(layout.StatsMaps, SubcorticalTable.FileName);
        SubcorticalTable.Layout.Write(merged, result.Table);
        return [merged, correlations];
    }
}
