using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Missingness;

/// <summary>One participant of the cohort: covariates and whether each sub-ensemble sequence produced a relevance map.</summary>
public sealed record ParticipantAvailability(string Subject, double Age, string? Sex, bool HasT1RelevanceMap, bool HasFlairRelevanceMap)
{
    /// <summary>The original's overview table (relevance_related_data_overview.csv) for the columns check_N.R models.</summary>
    public static readonly CsvLayout<ParticipantAvailability> Layout = new(
        ("subject", p => p.Subject),
        ("sex", p => p.Sex ?? ""),
        ("age", p => CsvTableWriter.Format(p.Age)),
        ("missing_t1_relevance_map", p => p.HasT1RelevanceMap ? "0" : "1"),
        ("missing_flair_relevance_map", p => p.HasFlairRelevanceMap ? "0" : "1"));

    public bool Missing(RelevanceSequence sequence) => sequence == RelevanceSequence.T1 ? !HasT1RelevanceMap : !HasFlairRelevanceMap;

    public static IReadOnlyList<ParticipantAvailability> Read(Table table)
    {
        var (subject, sex, age) = (table.Text("subject"), table.Text("sex"), table.Numeric("age"));
        var (t1, flair) = (table.Numeric("missing_t1_relevance_map"), table.Numeric("missing_flair_relevance_map"));
        bool Has(double[] missing, int row, string column) => missing[row] switch
        {
            0 => true,
            1 => false,
            _ => throw new InvalidInputException($"{table.Source}:{table.Lines[row]}: column '{column}' holds '{missing[row]}'; expected 0 or 1."),
        };
        return Enumerable.Range(0, table.Count).Select(i => new ParticipantAvailability(subject[i], age[i], Table.IsMissing(sex[i]) ? null : sex[i],
            Has(t1, i, "missing_t1_relevance_map"), Has(flair, i, "missing_flair_relevance_map"))).ToList();
    }
}
