using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary>`bench`: in-process timings of hot paths; each area contributes a sub-command.</summary>
public static class BenchCommand
{
    public static Command Create(params Command[] subcommands)
    {
        var bench = new Command("bench", "Time the hot paths in-process (medians of repeated runs).");
        foreach (var sub in subcommands) bench.Subcommands.Add(sub);
        return bench;
    }
}
