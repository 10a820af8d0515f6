using Xunit;
using System.Globalization;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Statistics;

/// <summary>
/// The values R printed for Data/statistics/reference.R (expected.csv) and the cohort table it wrote (cohort.csv).
/// </summary>
internal static class RReference
{
    public static string Folder { get; } = Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data", "statistics");
    public static string CohortPath { get; } = Path.Combine(Folder, "cohort.csv");

    private static readonly Lazy<Dictionary<(string, string, string), double>> Values = new(() =>
    {
        var table = Table.Read(Path.Combine(Folder, "expected.csv"));
        var test = table.Text("test");
        var group = table.Text("group");
        var key = table.Text("key");
        var value = table.Text("value");
        var map = new Dictionary<(string, string, string), double>();
        for (var i = 0; i < table.Count; i++)
            map[(test[i], group[i], key[i])] = value[i] == "NA" ? double.NaN : double.Parse(value[i], CultureInfo.InvariantCulture);
        return map;
    });

    public static double Value(string test, string group, string key) =>
        Values.Value.TryGetValue((test, group, key), out var v) ? v : throw new KeyNotFoundException($"expected.csv has no {test}/{group}/{key}");

    public static Table Cohort() => Table.Read(CohortPath);

    /// <summary>Asserts |actual − expected| ≤ rel · |expected| (NaN must meet NaN).</summary>
    public static void Close(double expected, double actual, double rel = 1e-10, string what = "")
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NA, got {actual:R}");
            return;
        }
        var tolerance = rel * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
    }
}
