namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// The subjects × features table of a cohort: participant_id, age, sex, then every value the stages recorded
/// (predicted age per base model and ensemble, DBA, PVS census, relevance in PVS, relevance sums; sorted by name),
/// then the summed relevance per region (<c>region.MODEL.NAME</c>). Empty cells where a subject has no value.
/// </summary>
public static class CohortFeatureTable
{
    public const string Name = "cohort_features";

    public static ReportTable Build(IReadOnlyList<CohortSubject> subjects)
    {
        var values = subjects.SelectMany(s => s.Values.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = subjects.SelectMany(s => s.Regions.SelectMany(m => m.Value.Keys.Select(r => (Model: m.Key, Region: r))))
            .Distinct().OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Region, StringComparer.Ordinal).ToList();
        IReadOnlyList<string> header = ["participant_id", "age", "sex", .. values, .. regions.Select(p => $"region.{p.Model}.{p.Region}")];
        var rows = subjects.Select(s => (IReadOnlyList<string>)
        [
            s.SubjectId, s.Age is { } age ? ReportTable.Number(age) : "", s.Sex ?? "",
            .. values.Select(k => ReportTable.Number(s.Value(k))),
            .. regions.Select(p => s.Regions.TryGetValue(p.Model, out var m) && m.TryGetValue(p.Region, out var v) ? ReportTable.Number(v) : ""),
        ]).ToList();
        return new ReportTable(Name, header, rows);
    }
}
