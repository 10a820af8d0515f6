using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>analyze COHORT (--wml --cs --sub --pvs --pvs-only-border --fa --check-n | --all) [--json]</c>: the original
/// run.py's analyses for a whole cohort, run on the cluster (<see cref="ICohortAnalysesGrain"/>): merged tables with the
/// original's names and columns and the R scripts' statistics under <c>[paths].results/COHORT</c>; prints what was
/// written and the regional correlations found.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var cohort = CohortCommands.CohortArgument();
        var flags = AnalysisKinds.All.ToDictionary(k => k, k => new Option<bool>($"--{k.Name()}") { Description = Describe(k) });
        var all = new Option<bool>("--all") { Description = "Every analysis" };
        var json = CohortCommands.JsonOption();
        var command = new Command("analyze", "Run the published analyses (WML, cortical, subcortical, PVS, PVS border, FA, check_N) for a cohort on the cluster.");
        command.Arguments.Add(cohort);
        foreach (var flag in flags.Values) command.Options.Add(flag);
        command.Options.Add(all);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(all) ? AnalysisKinds.All : flags.Where(f => parseResult.GetValue(f.Value)).Select(f => f.Key).ToList();
            if (chosen.Count == 0)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"analyze: choose analyses ({string.Join(" ", AnalysisKinds.All.Select(k => $"--{k.Name()}"))}) or --all.");
                return Task.FromResult(ExitCodes.BadInput);
            }
            return CohortCommands.RunAsync(parseResult, cancellationToken, async (client, writer) =>
            {
                var name = parseResult.GetValue(cohort)!;
                if ((await client.GetGrain<ICohortGrain>(name).GetProgress()).Subjects == 0)
                    throw new InvalidInputException($"cohort '{SubjectKey.Escape(name)}' does not exist (no subjects were submitted to it).");
                var report = await client.GetGrain<ICohortAnalysesGrain>(name).Run([.. chosen.Select(k => k.Name())]);
                if (parseResult.GetValue(json)) writer.WriteLine(AnalysesReportText.ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                else AnalysesReportText.Print(report, writer);
                return report.Outcome.Tables.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
            });
        });
        return command;
    }

    private static string Describe(AnalysisKind kind) => kind switch
    {
        AnalysisKind.Wml => "White-matter lesions: WML/WMlesion.csv (relevance in lesions, [params.wml])",
        AnalysisKind.Cortical => "Cortical surface: statsmaps/merged_cs_{dktbase,dkt,destrieux}.csv and GM/ correlations (gm_cortical_surface_plots.R)",
        AnalysisKind.Subcortical => "Subcortical: statsmaps/merged_subcort_aseg.csv and GM/corr_subcort_vol-relevance.csv",
        AnalysisKind.Pvs => "PVS sweep: PVS/*.PVS_*-subens.csv, age/DBA relationships, pvs_stats.R",
        AnalysisKind.PvsOnlyBorder => "PVS border only: PVS/*.PVS_dilate-N_ob_*-subens.csv",
        AnalysisKind.Fa => "Fractional anisotropy: statsmaps/merged_fa-{t1,flair}_jhu.csv and FA/ correlations (analysis_FA_JHU.R)",
        AnalysisKind.CheckN => "check_N: who lacks a relevance map, lm(age ~ missing), chisq.test(sex, missing)",
        _ => kind.ToString(),
    };
}
