using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Fa;

/// <summary>One JHU label's correlation of mean FA with summed relevance across subjects (analysis_FA_JHU.R's row).</summary>
public sealed record FaLabelCorrelation(string Name, int Id, int N, double R, double P, double PBonferroni);

public sealed record FaResult(RelevanceSequence Sequence, IReadOnlyList<FaJhuRow> Table, IReadOnlyList<FaSimilarityRow> Similarity,
    IReadOnlyList<FaLabelCorrelation> Correlations);

/// <summary>
/// The cohort side of the FA analysis, as analysis_FA_JHU.R: per JHU label (in order of first appearance)
/// <c>cor.test(mean_fa, sum_relevance)</c> across subjects, p_bonf = p × the number of labels (not capped).
/// The script loops <c>i in 1:length(labels)</c> over <c>label_id == i</c> with <c>names[i]</c>; for the JHU table, whose
/// codes run 1..48 in order, that is each label with its own name, which is what is computed here.
/// </summary>
public static class FaCohort
{
    /// <summary>The script's output names: corr_JHU_FA.csv for FLAIR relevance, corr_JHU_FA_t1.csv for T1.</summary>
    public static string CorrelationFileName(RelevanceSequence sequence) => sequence == RelevanceSequence.Flair ? "corr_JHU_FA.csv" : "corr_JHU_FA_t1.csv";

    public static readonly CsvLayout<FaLabelCorrelation> CorrelationLayout = new(
        ("name", c => c.Name),
        ("id", c => CsvTableWriter.Format(c.Id)),
        ("r", c => CsvTableWriter.Format(c.R)),
        ("p", c => CsvTableWriter.Format(c.P)),
        ("p_bonf", c => CsvTableWriter.Format(c.PBonferroni)),
        ("n", c => CsvTableWriter.Format(c.N)));

    public static FaResult Run(RelevanceSequence sequence, IReadOnlyList<FaJhuRow> rows, IReadOnlyList<FaSimilarityRow> similarity)
    {
        var labels = rows.GroupBy(r => r.LabelId).ToList();
        var correlations = labels.Select(g =>
        {
            var (n, r, p) = LabelCorrelation.Pearson(g.Select(x => x.MeanFa).ToArray(), g.Select(x => x.SumRelevance).ToArray());
            return new FaLabelCorrelation(g.First().StructureName, g.Key, n, r, p, Significance.BonferroniUncapped(p, labels.Count));
        }).ToList();
        return new FaResult(sequence, rows, similarity, correlations);
    }

    /// <param name="includeTables">Also write the merged and similarity tables (not when the statistics were run on those files).</param>
    public static IReadOnlyList<string> Write(FaResult result, ResultsLayout layout, bool includeTables = true)
    {
        var correlations = ResultsLayout.In(layout.Fa, CorrelationFileName(result.Sequence));
        CorrelationLayout.Write(correlations, result.Correlations);
        if (!includeTables) return [correlations];
        var merged = ResultsLayout.In(layout.StatsMaps, FaJhuTable.FileName(result.Sequence));
        FaJhuTable.Layout.Write(merged, result.Table);
        var similarity = ResultsLayout.In(layout.StatsMaps, FaSimilarityTable.FileName(result.Sequence));
        FaSimilarityTable.Layout.Write(similarity, result.Similarity);
        return [merged, similarity, correlations];
    }
}
