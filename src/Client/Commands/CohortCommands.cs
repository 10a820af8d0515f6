using System.CommandLine;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Client.Commands;

/// <summary>What the cluster verbs share: the connection from the loaded configuration and the <c>--json</c> option.</summary>
internal static class CohortCommands
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON instead of a table" };

    public static Argument<string> CohortArgument() => new("cohort") { Description = "The cohort's name" };

    /// <summary>
    /// Connects with the configuration the global options choose, runs <paramref name="action"/>, disconnects. Ctrl-C
    /// (<paramref name="cancellationToken"/>) stops waiting for the cluster and closes the connection; work the
    /// cluster accepted goes on there.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken, Func<IClusterClient, TextWriter, Task<int>> action)
    {
        var config = ConfigOptions.Load(parseResult).Config;
        await using var connection = await ClusterConnection.ConnectAsync(config.Cluster, cancellationToken);
        return await action(connection.Client, parseResult.InvocationConfiguration.Output).WaitAsync(cancellationToken);
    }
}
