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
        root.Subcommands.Add(ModelCommand.Create());
        // Until the shared `bench` parent (BenchCommand) lands, `bench lrp` hangs off a local parent.
        root.Subcommands.Add(new Command("bench", "Benchmarks of the hot paths.") { Subcommands = { BenchLrpCommand.Create() } });
        return root;
    }
}
