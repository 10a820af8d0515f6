using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats COHORT [--top N] [--json]</c>: the statistics summary of a cohort, computed on the cluster from its members'
/// feature rows (n, MAE, r, DBA mean ± sd, relevance in PVS against its expected share with a paired t-test, the
/// regional correlations with age) and the last run of the published analyses (<c>analyze</c>); the console only renders them. It is the optional argument of the <c>stats</c>
/// group, beside its table subcommands.
/// </summary>
public static class StatsCohortCommand
{
    /// <summary>Adds the optional cohort argument and its options to the <c>stats</c> group.</summary>
    public static void AddTo(Command stats)
    {
        var cohort = new Argument<string?>("cohort") { Description = "A cohort on the cluster: print its statistics summary", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Regional correlations to show per model (with `stats COHORT`)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "With `stats COHORT`: every model's statistics and all regional correlations as JSON" };
        stats.Arguments.Add(cohort);
        stats.Options.Add(top);
        stats.Options.Add(json);
        stats.SetAction((parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(cohort) is not { } name)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("stats: name a cohort (stats COHORT) or a subcommand: correlate, ols, agebias, summary, voxelwise (see stats --help).");
                return Task.FromResult(ExitCodes.BadInput);
            }
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, writer) =>
            {
                var report = await client.GetGrain<ICohortGrain>(name).GetStatistics();
                if (report.Subjects == 0) throw new InvalidInputException($"cohort '{name}' does not exist (no subjects were submitted to it).");
                var analyses = await client.GetGrain<ICohortAnalysesGrain>(name).GetLast();
                if (parseResult.GetValue(json))
                {
                    var body = ToJson(report);
                    body["analyses"] = analyses is null ? null : AnalysesReportText.ToJson(analyses);
                    writer.WriteLine(body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    return ExitCodes.Success;
                }
                writer.WriteLine($"cohort {name}: {report.Subjects} subject(s), {report.SubjectsWithFeatures} with features (configuration version {report.ConfigurationVersion})");
                CohortStatistics.Print(report.Summaries, writer, parseResult.GetValue(top));
                if (analyses is not null) AnalysesReportText.Print(analyses, writer, parseResult.GetValue(top));
                else writer.WriteLine($"analyses: not run yet (analyze {name} --all)");
                return ExitCodes.Success;
            });
        });
    }

    /// <summary>The report with the statistics table's column names; a value that is not a number is null.</summary>
    public static JsonObject ToJson(CohortStatisticsReport report) => new()
    {
        ["cohort"] = report.Cohort,
        ["configuration_version"] = report.ConfigurationVersion,
        ["subjects"] = report.Subjects,
        ["subjects_with_features"] = report.SubjectsWithFeatures,
        ["models"] = new JsonArray([.. report.Summaries.Select(s => (JsonNode)new JsonObject
        {
            ["model"] = s.Model,
            ["n"] = s.N,
            ["mae"] = Number(s.Mae),
            ["r"] = Number(s.Correlation?.R),
            ["r_p"] = Number(s.Correlation?.P),
            ["r_ci_low"] = Number(s.Correlation?.CiLow),
            ["r_ci_high"] = Number(s.Correlation?.CiHigh),
            ["dba_mean"] = Number(s.DbaMean),
            ["dba_sd"] = Number(s.DbaSd),
            ["pvs_relevance_share"] = Number(s.PvsShare),
            ["pvs_expected_share"] = Number(s.PvsExpectedShare),
            ["pvs_ratio"] = Number(s.PvsRatio),
            ["pvs_t"] = Number(s.PvsTest.T),
            ["pvs_df"] = s.PvsTest.Df,
            ["pvs_p"] = Number(s.PvsTest.P),
            ["regions"] = new JsonArray([.. s.Regions.Select(r => (JsonNode)new JsonObject
            {
                ["region"] = r.Region, ["n"] = r.N, ["r"] = Number(r.R), ["t"] = Number(r.T), ["p"] = Number(r.P),
                ["p_bonferroni"] = Number(r.PBonferroni), ["p_fdr_bh"] = Number(r.PBenjaminiHochberg),
            })]),
        })]),
    };

    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
