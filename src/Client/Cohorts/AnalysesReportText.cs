using System.Globalization;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>How the console shows a cohort's analyses report: plain lines for a reader, or JSON (the <c>analyses</c> member of <c>stats COHORT --json</c>).</summary>
public static class AnalysesReportText
{
    public static void Print(CohortAnalysesReport report, TextWriter writer, int top = 3)
    {
        var outcome = report.Outcome;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cohort {report.Cohort}: analyses {string.Join(", ", report.Analyses)} on {report.Subjects - report.SubjectsWithoutAnalyses} of {report.Subjects} subjects " +
                         $"(configuration version {report.ConfigurationVersion}, {report.Finished:u}, {report.Elapsed.TotalSeconds:F1} s) → {outcome.Folder}"));
        foreach (var table in outcome.Tables)
            writer.WriteLine($"  table {table.RelativePath} ({table.Analysis.Name()}): {table.Rows} rows");
        foreach (var file in outcome.StatisticsFiles)
            writer.WriteLine($"  statistics {file}");
        foreach (var set in outcome.Correlations)
        {
            var strongest = set.Regions.Where(r => double.IsFinite(r.P)).OrderBy(r => r.P).Take(top)
                .Select(r => $"{r.Region} r = {F(r.R)}, p = {F(r.P)}{(r.Significant ? " *" : "")}");
            writer.WriteLine($"  {set.Title}: {set.SignificantCount} of {set.Regions.Count} significant after {set.Correction}; strongest: {string.Join("; ", strongest)}");
        }
        foreach (var warning in outcome.Warnings) writer.WriteLine($"  warning: {warning}");
    }

    public static JsonObject ToJson(CohortAnalysesReport report) => new()
    {
        ["cohort"] = report.Cohort,
        ["configuration_version"] = report.ConfigurationVersion,
        ["finished"] = report.Finished.ToString("O", CultureInfo.InvariantCulture),
        ["seconds"] = report.Elapsed.TotalSeconds,
        ["analyses"] = new JsonArray([.. report.Analyses.Select(a => (JsonNode)JsonValue.Create(a))]),
        ["subjects"] = report.Subjects,
        ["subjects_without_analyses"] = report.SubjectsWithoutAnalyses,
        ["folder"] = report.Outcome.Folder,
        ["tables"] = new JsonArray([.. report.Outcome.Tables.Select(t => (JsonNode)new JsonObject
        {
            ["path"] = t.RelativePath, ["analysis"] = t.Analysis.Name(), ["rows"] = t.Rows,
        })]),
        ["statistics_files"] = new JsonArray([.. report.Outcome.StatisticsFiles.Select(f => (JsonNode)JsonValue.Create(f))]),
        ["correlations"] = new JsonArray([.. report.Outcome.Correlations.Select(c => (JsonNode)new JsonObject
        {
            ["analysis"] = c.Analysis.Name(),
            ["title"] = c.Title,
            ["file"] = c.File,
            ["correction"] = c.Correction,
            ["significant"] = c.SignificantCount,
            ["regions"] = new JsonArray([.. c.Regions.Select(r => (JsonNode)new JsonObject
            {
                ["region"] = r.Region, ["n"] = r.N, ["r"] = Number(r.R), ["p"] = Number(r.P), ["p_corrected"] = Number(r.PCorrected), ["significant"] = r.Significant,
            })]),
        })]),
        ["warnings"] = new JsonArray([.. report.Outcome.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
    };

    private static string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
