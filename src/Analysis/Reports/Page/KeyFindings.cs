namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>
/// The report's key results as plain sentences with their numbers, per model: how accurate it is, the brain-age gap,
/// where its relevance concentrates, whether relevance is enriched in PVS, and which regions relate to age after
/// correction; then one sentence per further regional analysis. Text only: the page escapes it.
/// </summary>
public static class KeyFindings
{
    public const int TopRegions = 3;

    public static IReadOnlyList<string> Sentences(CohortReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sentences = new List<string>();
        var rows = input.Rows;
        var analysed = rows.Count(r => r.Models.Length > 0);
        sentences.Add($"{analysed} of {input.Subjects.Count} subjects have brain-age predictions" +
            (input.FailedSubjects.Count > 0 ? $"; {input.FailedSubjects.Count} failed in a stage and are left out (see the header)." : "."));
        if (input.Summaries.Count == 0)
            sentences.Add("No model has predicted for any subject yet, so there are no results to summarise.");
        foreach (var s in input.Summaries)
        {
            sentences.Add(Accuracy(s, input.Configuration));
            sentences.Add($"{s.Model}: the brain-age gap (predicted − chronological age) is {ReportNumbers.SignedYears(s.DbaMean)} ± {ReportNumbers.Years(s.DbaSd)} years (mean ± SD).");
            sentences.Add(Concentration(rows, s.Model));
            sentences.Add(PvsEnrichment(s));
            var regional = input.RegionalAnalyses.FirstOrDefault(a => a.Id == RegionalAnalysis.RelevanceAgainstAgeId(s.Model));
            if (regional is not null) sentences.Add(Surviving(regional, $"{s.Model}: regions whose summed relevance correlates with age"));
        }
        foreach (var analysis in input.RegionalAnalyses.Where(a => !input.Summaries.Any(s => a.Id == RegionalAnalysis.RelevanceAgainstAgeId(s.Model))))
            sentences.Add(Surviving(analysis, analysis.Title));
        return sentences;
    }

    private static string Accuracy(CohortSummary s, ReportConfiguration configuration)
    {
        var model = configuration.Models.FirstOrDefault(m => m.Name == s.Model);
        var what = model is null ? s.Model : $"{s.Model} ({model.Sequence.ToUpperInvariant()}, {model.Files.Count} base model{(model.Files.Count == 1 ? "" : "s")})";
        if (s.N == 0) return $"{what} has no subject with both a prediction and a chronological age, so its accuracy is unknown.";
        var r = s.Correlation is { } c
            ? $", and predicted and chronological age correlate with r = {ReportNumbers.R(c.R)} (95 % CI {ReportNumbers.R(c.CiLow)} to {ReportNumbers.R(c.CiHigh)}, p = {ReportNumbers.P(c.P)})"
            : " (r needs at least 3 subjects)";
        return $"{what} predicts age with a mean absolute error of {ReportNumbers.Years(s.Mae)} years in {s.N} subjects{r}.";
    }

    private static string Concentration(IReadOnlyList<SubjectFeatureRow> rows, string model)
    {
        var shares = RelevanceConcentration.Of(rows, model);
        if (shares.Count == 0)
            return $"{model}: no subject has relevance summed per region (FreeSurfer's aparc+aseg is needed), so where relevance concentrates is shown by the mean relevance map only.";
        var top = shares.Take(TopRegions).Select(r => $"{r.Region} ({ReportNumbers.Percent(r.MeanShare)})");
        return $"{model}: relevance concentrates in {string.Join(", ", top)} of the summed absolute relevance over {shares.Count} aparc+aseg regions (mean over subjects).";
    }

    private static string PvsEnrichment(CohortSummary s)
    {
        if (!double.IsFinite(s.PvsShare) || !double.IsFinite(s.PvsExpectedShare))
            return $"{s.Model}: no subject has relevance measured inside a PVS mask.";
        var test = double.IsFinite(s.PvsTest.P) ? $"paired t({s.PvsTest.Df}) = {ReportNumbers.Short(s.PvsTest.T)}, p = {ReportNumbers.P(s.PvsTest.P)}" : "too few subjects for a paired t-test";
        var direction = s.PvsShare > s.PvsExpectedShare ? "more" : "less";
        return $"{s.Model}: PVS hold a net {ReportNumbers.Percent(s.PvsShare)} of the map's positive relevance, {direction} than the {ReportNumbers.Percent(s.PvsExpectedShare)} " +
            $"their volume would hold at the map's mean positive relevance (ratio {ReportNumbers.Short(s.PvsRatio)}; {test}; n = {s.PvsTest.N}). " +
            "The net share subtracts negative relevance inside PVS, so it is negative where that outweighs the positive.";
    }

    private static string Surviving(RegionalAnalysis analysis, string subject)
    {
        var tested = analysis.Tested.Count;
        if (tested == 0) return $"{subject}: no region could be tested (it needs region tables for at least 3 subjects with varying values).";
        var surviving = analysis.Surviving;
        if (surviving.Count == 0)
            return $"{subject}: none of the {tested} tested regions survives {analysis.Correction} (α = {ReportNumbers.Short(analysis.Alpha)}); the strongest is {Describe(analysis.Tested[0])}.";
        var listed = surviving.Take(8).Select(Describe);
        return $"{subject}: {surviving.Count} of {tested} regions survive {analysis.Correction} (α = {ReportNumbers.Short(analysis.Alpha)}): {string.Join("; ", listed)}" +
            (surviving.Count > 8 ? $"; and {surviving.Count - 8} more (see the table)." : ".");
    }

    private static string Describe(RegionalResult r) => $"{r.Region} (r = {ReportNumbers.R(r.R)}, corrected p = {ReportNumbers.P(r.PCorrected)}, n = {r.N})";
}
