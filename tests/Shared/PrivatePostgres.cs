using System.Diagnostics;

namespace RelevanceRelated.Tests;

/// <summary>
/// A PostgreSQL server of one test's own (scripts/throwaway-postgres.sh in a temporary directory), which the test may
/// stop and start to stage an outage without disturbing the server other tests share. Deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string _binDirectory;

    private PrivatePostgres(string connectionString, string dataDirectory, string binDirectory) =>
        (ConnectionString, _dataDirectory, _binDirectory) = (connectionString, dataDirectory, binDirectory);

    public string ConnectionString { get; }

    /// <param name="maxConnections">The server's connection limit (PostgreSQL's default is 100).</param>
    public static async Task<PrivatePostgres> StartAsync(int maxConnections = 100)
    {
        var lines = (await ScriptAsync(
            "start_throwaway_postgres >&2 && printf '%s\\n%s\\n%s\\n' \"$RELEVANCERELATED_TEST_PG\" \"$PG_DATA_DIR\" \"$PG_BIN_DIR\"",
            new() { ["RELEVANCERELATED_PG_MAX_CONNECTIONS"] = maxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new PrivatePostgres(lines[0], lines[1], lines[2]);
    }

    /// <summary>Stops the server (its data kept): every connection fails until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ScriptAsync("pause_throwaway_postgres", Location());

    public Task ResumeAsync() => ScriptAsync("resume_throwaway_postgres", Location());

    public async ValueTask DisposeAsync() => await ScriptAsync("stop_throwaway_postgres", Location());

    private Dictionary<string, string> Location() => new() { ["PG_DATA_DIR"] = _dataDirectory, ["PG_BIN_DIR"] = _binDirectory };

    private static async Task<string> ScriptAsync(string command, Dictionary<string, string> environment)
    {
        var script = Path.Combine(TestData.RepositoryRoot, "scripts", "throwaway-postgres.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"source '{script}' && {command}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"PostgreSQL helper '{command}' failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
