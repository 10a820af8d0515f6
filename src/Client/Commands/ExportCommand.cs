using System.CommandLine;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>export COHORT --out DIR</c>: every subject's maps (NIfTI) and heatmaps (PNG), the per-stage, feature and statistics
/// tables (TSV/CSV), the figures and <c>report.html</c> of a cohort on the cluster; artifacts are read from <c>[paths].artifacts</c>.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var output = new Option<string>("--out") { Description = "Output directory (maps/, heatmaps/, tables/, figures/, report.html)", Required = true };
        var command = new Command("export", "Write a cohort's maps, heatmaps, tables, figures and report.html.");
        command.Arguments.Add(cohort);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            var artifacts = ConfigOptions.Load(parseResult).Config.Paths.Artifacts;
            var directory = Path.GetFullPath(parseResult.GetValue(output)!);
            return CohortCommands.Run(parseResult, async (client, writer) =>
            {
                var name = parseResult.GetValue(cohort)!;
                var details = await CohortExport.FetchAsync(client, name);
                var result = await CohortExport.WriteAsync(name, details, artifacts, directory);
                CohortStatistics.Print(result.Summaries, writer);
                writer.WriteLine($"wrote {result.Files.Count} file(s) for {details.Count} subject(s) under {directory}; open {Path.Combine(directory, ReportPage.FileName)}");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
