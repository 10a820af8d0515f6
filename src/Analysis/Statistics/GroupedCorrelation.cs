namespace RelevanceRelated.Analysis.Statistics;

/// <summary>One group's correlation and its p-value adjusted across all groups.</summary>
public sealed record GroupCorrelation(string Group, CorrelationResult Result, double PAdjusted);

/// <summary>
/// Correlates two columns of a table per group of one or more columns (or once, as group "all"), then corrects the
/// p-values across the groups. A group with fewer than three complete pairs keeps its row with n and no statistics.
/// </summary>
public static class GroupedCorrelation
{
    public const string AllGroups = "all";

    public static IReadOnlyList<GroupCorrelation> Run(
        Table table, string x, string y, IReadOnlyList<string>? by, CorrelationMethod method, PAdjustMethod correction, int? numberOfTests = null)
    {
        table.ColumnIndex(x);
        table.ColumnIndex(y);
        var groups = by is null || by.Count == 0 ? [(AllGroups, table)] : table.GroupBy(by);
        var results = new List<(string Group, CorrelationResult Result)>(groups.Count);
        foreach (var (key, rows) in groups)
        {
            var xs = rows.Numeric(x);
            var ys = rows.Numeric(y);
            var (cx, _) = MissingValues.CompletePairs(xs, ys);
            results.Add(cx.Length < 3
                ? (key, new CorrelationResult(cx.Length, double.NaN, double.NaN, Math.Max(0, cx.Length - 2), double.NaN, double.NaN, double.NaN))
                : (key, CorrelationMethods.Test(method, xs, ys)));
        }
        var adjusted = PValueAdjustment.Adjust(results.Select(r => r.Result.P).ToArray(), correction, numberOfTests);
        return results.Select((r, i) => new GroupCorrelation(r.Group, r.Result, adjusted[i])).ToList();
    }
}
