using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Missingness;

/// <summary>Per sequence: who lacks a relevance map, and whether they differ in age and sex from those who have one.</summary>
public sealed record CheckNSequence(RelevanceSequence Sequence, int Missing, int Present, OlsResult? AgeOnMissing, ChiSquaredResult? SexByMissing, int SexN);

public sealed record CheckNResult(IReadOnlyList<ParticipantAvailability> Participants, IReadOnlyList<CheckNSequence> Sequences);

/// <summary>
/// check_N.R's models for age and sex differences: per sequence (t1, flair) <c>lm(age ~ missing)</c> with missing 0/1, and
/// <c>chisq.test(table(sex, missing))</c>, which applies Yates' continuity correction to the 2×2 table. A model that
/// cannot be fitted (nobody or everybody missing, one sex only) is left out rather than stopping the check.
/// </summary>
public static class CheckN
{
    public const string OverviewFileName = "relevance_related_data_overview.csv";
    public const string StatisticsFileName = "check_N.csv";

    public static CheckNResult Run(IReadOnlyList<ParticipantAvailability> participants)
    {
        var sequences = new[] { RelevanceSequence.T1, RelevanceSequence.Flair }.Select(sequence =>
        {
            var missing = participants.Select(p => p.Missing(sequence) ? 1.0 : 0.0).ToArray();
            var count = (int)missing.Sum();
            var varies = count > 0 && count < participants.Count;
            var lm = varies ? OrdinaryLeastSquares.Fit(participants.Select(p => p.Age).ToArray(), [(MissingColumn(sequence), missing)]) : null;
            var sexes = participants.Select(p => p.Sex).ToList();
            var known = sexes.Where(s => !string.IsNullOrWhiteSpace(s) && s != "NA").ToList();
            var flags = participants.Select(p => p.Missing(sequence) ? "1" : "0").ToList<string?>();
            var chi = varies && known.Distinct().Count() >= 2 ? ChiSquaredTest.Test(sexes, flags) : null;
            return new CheckNSequence(sequence, count, participants.Count - count, lm, chi, known.Count);
        }).ToList();
        return new CheckNResult(participants, sequences);
    }

    /// <summary>The models as summary rows: <c>lm(age ~ missing_{seq}_relevance_map)</c> terms and the χ² test.</summary>
    public static IEnumerable<ModelSummaryRow> Summary(CheckNResult result) =>
        result.Sequences.SelectMany(s =>
        {
            var column = MissingColumn(s.Sequence);
            IEnumerable<ModelSummaryRow> rows = [];
            if (s.AgeOnMissing is { } lm) rows = rows.Concat(ModelSummaryRow.Of($"lm(age ~ {column})", lm));
            if (s.SexByMissing is { } chi) rows = rows.Append(ModelSummaryRow.Of($"chisq.test(table(sex, {column}))", chi, s.SexN));
            return rows;
        });

    /// <summary>The overview table's column, e.g. missing_t1_relevance_map.</summary>
    public static string MissingColumn(RelevanceSequence sequence) => $"missing_{sequence.Name()}_relevance_map";

    /// <param name="includeOverview">Also write the overview table (not when the check was run on that very file).</param>
    public static IReadOnlyList<string> Write(CheckNResult result, ResultsLayout layout, bool includeOverview = true)
    {
        var statistics = ResultsLayout.In(layout.Missingness, StatisticsFileName);
        ModelSummaryRow.Layout.Write(statistics, Summary(result));
        if (!includeOverview) return [statistics];
        var overview = ResultsLayout.In(layout.Missingness, OverviewFileName);
        ParticipantAvailability.Layout.Write(overview, result.Participants);
        return [overview, statistics];
    }
}
