using System.CommandLine;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>export COHORT --out DIR [--tables-only]</c>: a cohort's tables, statistics, figures and <c>report.html</c> from the
/// cluster, and every subject's maps (NIfTI) and heatmaps (PNG) from the artifact store (<c>[paths].artifacts</c>,
/// hash-checked). <c>--tables-only</c> skips the maps, for a console that does not mount the store.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var output = new Option<string>("--out") { Description = "Output directory (report.html, viewer.html, maps/, heatmaps/, tables/, figures/, viewer/)", Required = true };
        var tablesOnly = new Option<bool>("--tables-only") { Description = "Tables, figures and the report only: no maps or heatmaps, no artifact store needed" };
        var command = new Command("export", "Write a cohort's report (report.html, viewer.html), tables, figures and (from the artifact store) its maps, heatmaps and viewer volumes.");
        command.Arguments.Add(cohort);
        command.Options.Add(output);
        command.Options.Add(tablesOnly);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var config = ConfigOptions.Load(parseResult).Config;
            var artifacts = parseResult.GetValue(tablesOnly) ? null : config.Paths.Artifacts;
            var directory = Path.GetFullPath(parseResult.GetValue(output)!);
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, writer) =>
            {
                var name = parseResult.GetValue(cohort)!;
                var result = await CohortExport.WriteAsync(client, name, config, artifacts, directory);
                CohortStatistics.Print(result.Statistics.Summaries, writer);
                writer.WriteLine($"wrote {result.Files.Count} file(s) for {result.Members.Count} subject(s) under {directory}; open {Path.Combine(directory, ReportPage.FileName)}");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
