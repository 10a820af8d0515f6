using System.CommandLine;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats analyses --results DIR</c>: the published analyses' statistics on merged tables already in a results folder
/// (the R scripts' workflow: gm_cortical_surface_plots.R, the subcortical correlations, analysis_FA_JHU.R, pvs_stats.R and
/// the PVS age/DBA checks, check_N.R), with <c>[params]</c> alpha, subcortical ROIs and the lesion-load minimum.
/// </summary>
public static class StatsAnalysesCommand
{
    public static Command Create()
    {
        var results = new Option<string>("--results") { Description = "Results folder holding statsmaps/, PVS/, WML/ and check_N/ tables (default: [paths].results)." };
        var alpha = new Option<double?>("--alpha") { Description = "Significance level for the flags (default: [params].alpha)." };
        var command = new Command("analyses", "Run every cohort analysis whose merged tables are present under the results folder and write its statistics there (original file names).");
        command.Options.Add(results);
        command.Options.Add(alpha);
        command.SetAction(parse =>
        {
            var config = ConfigOptions.Load(parse).Config;
            var folder = parse.GetValue(results) ?? config.Paths.Results;
            if (!Directory.Exists(folder)) throw new InvalidInputException($"--results: folder '{folder}' does not exist.");
            var options = CohortStatisticsOptions.FromConfig(config.Params);
            if (parse.GetValue(alpha) is { } a) options = options with { Alpha = a };
            var found = MergedTableAnalyses.RunWithFindings(new ResultsLayout(folder), options);
            var written = found.Files;
            var output = parse.InvocationConfiguration.Output;
            foreach (var warning in found.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            if (written.Count == 0)
            {
                output.WriteLine(found.Warnings.Count == 0
                    ? $"No merged tables under {folder} (looked in statsmaps/, PVS/, WML/ and check_N/)."
                    : $"No statistics could be computed from the merged tables under {folder}.");
                return ExitCodes.BadInput;
            }
            foreach (var path in written) output.WriteLine(Path.GetRelativePath(folder, path));
            output.WriteLine($"{written.Count} result tables written under {folder}.");
            return found.Warnings.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
