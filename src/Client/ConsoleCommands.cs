using System.CommandLine;
using RelevanceRelated.Client.Commands;

namespace RelevanceRelated.Client;

/// <summary>The whole console: every verb group, each defined in its own file under Commands/.</summary>
public static class ConsoleCommands
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("RelevanceRelated: brain-age models, their relevance maps, and the brain features they relate to.");
        ConfigOptions.AddTo(root);
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(VolumeCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(LrpCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        root.Subcommands.Add(RegisterCommand.Create());
        root.Subcommands.Add(BenchCommand.Create(BenchImagingCommand.Create(), BenchStatisticsCommand.Create(), BenchLrpCommand.Create(), BenchCohortCommand.Create(), BenchSpacesCommand.Create()));
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(SubjectCommand.Create());
        root.Subcommands.Add(ReanalyzeCommand.Create());
        root.Subcommands.Add(RetryCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(PvsCommand.Create());
        root.Subcommands.Add(BrainAgeCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }
}
