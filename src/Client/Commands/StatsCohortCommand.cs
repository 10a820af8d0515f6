using System.CommandLine;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Client.Cohorts;
using RelevanceRelated.Grains.Artifacts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>stats COHORT</c>: the statistics summary of a cohort on the cluster (n, MAE, r, DBA mean ± sd, relevance in PVS
/// against its expected share with a paired t-test, the top regional correlations with age). It is the optional
/// argument of the <c>stats</c> group, beside its table subcommands.
/// </summary>
public static class StatsCohortCommand
{
    /// <summary>Adds the optional cohort argument and its action to the <c>stats</c> group.</summary>
    public static void AddTo(Command stats)
    {
        var cohort = new Argument<string?>("cohort") { Description = "A cohort on the cluster: print its statistics summary", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Regional correlations to show per model (with `stats COHORT`)", DefaultValueFactory = _ => 5 };
        stats.Arguments.Add(cohort);
        stats.Options.Add(top);
        stats.SetAction(parseResult =>
        {
            if (parseResult.GetValue(cohort) is not { } name)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("stats: name a cohort (stats COHORT) or a subcommand: correlate, ols, agebias, summary, voxelwise (see stats --help).");
                return ExitCodes.BadInput;
            }
            var artifacts = ConfigOptions.Load(parseResult).Config.Paths.Artifacts;
            return CohortCommands.Run(parseResult, async (client, writer) =>
            {
                var details = await CohortExport.FetchAsync(client, name);
                var store = new ArtifactStore(artifacts);
                var subjects = new List<CohortSubject>();
                foreach (var d in details) subjects.Add(await CohortExport.ToSubjectAsync(d, store));
                writer.WriteLine($"cohort {name}: {subjects.Count} subject(s)");
                CohortStatistics.Print(CohortStatistics.Summarise(subjects), writer, parseResult.GetValue(top));
                return ExitCodes.Success;
            });
        });
    }
}
