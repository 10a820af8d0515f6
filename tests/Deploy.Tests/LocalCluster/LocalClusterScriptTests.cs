using System.Diagnostics;
using System.Reflection;
using Npgsql;
using RelevanceRelated.Deploy.Tests.Docker;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Deploy.Tests.LocalCluster;

/// <summary>scripts/local-cluster.sh: PostgreSQL, schema, three silo processes (one GPU), and a clean stop.</summary>
[Collection(ProcessCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a bash script; file modes are POSIX
public sealed class LocalClusterScriptTests
{
    private static readonly string Script = Path.Combine(TestData.RepositoryRoot, "scripts", "local-cluster.sh");

    /// <summary>The configuration this test assembly was built in; the silo and console were built alongside it.</summary>
    private static string Configuration =>
        typeof(LocalClusterScriptTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private sealed record SiloLine(string Name, int SiloPort, int GatewayPort, int HealthPort, int Pid);

    [Fact]
    public async Task Start_brings_up_three_healthy_silos_in_one_membership_table_survives_a_killed_silo_and_stop_removes_everything()
    {
        var state = Path.Combine(TestData.NewTempDirectory("rr-local-cluster"), "cluster");
        try
        {
            var (startCode, startOutput) = await RunScriptAsync(state, "start", "--configuration", Configuration, "--no-build");
            Assert.True(startCode == 0, $"start failed ({startCode}):\n{startOutput}");
            var silos = File.ReadAllLines(Path.Combine(state, "silos"))
                .Select(l => l.Split(' '))
                .Select(p => new SiloLine(p[0], int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(File.ReadAllText(Path.Combine(state, $"{p[0]}.pid")))))
                .ToList();
            var connection = File.ReadAllText(Path.Combine(state, "connection-string")).Trim();

            Assert.Equal(["silo-cpu-0", "silo-cpu-1", "silo-gpu-0"], silos.Select(s => s.Name).Order());
            Assert.Equal(9, silos.SelectMany(s => new[] { s.SiloPort, s.GatewayPort, s.HealthPort }).Distinct().Count());
            using (var http = new HttpClient())
                foreach (var silo in silos)
                    Assert.True((await http.GetAsync($"http://127.0.0.1:{silo.HealthPort}{SiloHost.HealthPath}", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
                        $"{silo.Name} is not healthy");
            Assert.Equal(silos.Select(s => (s.Name, s.SiloPort)).Order(), await ActiveMembersAsync(connection));
            Assert.Contains("hardware.accelerator=gpu", File.ReadAllText(Path.Combine(state, "silo-gpu-0.log")));
            Assert.Contains("hardware.accelerator=cpu", File.ReadAllText(Path.Combine(state, "silo-cpu-0.log")));
            Assert.Contains("local-cluster.sh stop", startOutput);
            Assert.DoesNotContain(connection, startOutput);
            Assert.Contains("TLS on", File.ReadAllText(Path.Combine(state, "silo-cpu-0.log")));
            AssertOwnerOnly(state, "connection-string", "cluster.config.toml", "silo-cpu-0.log", "tls/ca.key", "tls/silo.pfx", "tls/console.pfx");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
            // The console reaches the TLS cluster with the client configuration the script wrote (its own certificate).
            var status = await ConsoleAsync("--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"),
                "--config", Path.Combine(state, "cluster.config.toml"), "status", "probe", "--json");
            Assert.DoesNotContain("no cohort service is reachable", status.Output);
            Assert.NotEqual(1, status.ExitCode);

            // A silo killed outright is voted dead by the other two, which stay active and healthy.
            var victim = silos.Single(s => s.Name == "silo-cpu-1");
            Process.GetProcessById(victim.Pid).Kill();
            await WaitForAsync(async () => await MemberStatusAsync(connection, victim.Name) == DeadStatus, TimeSpan.FromMinutes(2), $"{victim.Name} was not declared dead");
            Assert.Equal(silos.Where(s => s != victim).Select(s => (s.Name, s.SiloPort)).Order(), await ActiveMembersAsync(connection));

            var (stopCode, stopOutput) = await RunScriptAsync(state, "stop");

            Assert.True(stopCode == 0, $"stop failed ({stopCode}):\n{stopOutput}");
            Assert.False(Directory.Exists(state));
            Assert.All(silos, s => Assert.False(IsRunning(s.Pid), $"{s.Name} (pid {s.Pid}) still runs"));
            Assert.DoesNotContain("killed", stopOutput);
            await Assert.ThrowsAnyAsync<Exception>(() => ActiveMembersAsync(connection));
        }
        finally
        {
            if (Directory.Exists(state)) await RunScriptAsync(state, "stop");
        }
    }

    [Fact]
    public async Task Start_refuses_to_run_over_a_cluster_that_was_not_stopped()
    {
        var state = TestData.NewTempDirectory("rr-local-cluster");

        var (code, output) = await RunScriptAsync(state, "start", "--configuration", Configuration, "--no-build");

        Assert.NotEqual(0, code);
        Assert.Contains("local-cluster.sh stop", output);
        Assert.True(Directory.Exists(state), "a refused start must not remove the existing state");
    }

    private static async Task<List<(string, int)>> ActiveMembersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT silo_name, port FROM orleans_membership WHERE deployment_id = 'relevancerelated' AND status = 3", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var members = new List<(string, int)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) members.Add((reader.GetString(0), reader.GetInt32(1)));
        return members.Order().ToList();
    }

    /// <summary>Orleans' SiloStatus values as the membership table stores them.</summary>
    private const int DeadStatus = 6;

    private static async Task<int?> MemberStatusAsync(string connectionString, string siloName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleans_membership WHERE deployment_id = 'relevancerelated' AND silo_name = @name", connection);
        command.Parameters.AddWithValue("name", siloName);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as int?;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{failure} within {timeout}.");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static void AssertOwnerOnly(string state, params string[] files)
    {
        foreach (var file in files)
            Assert.True(File.GetUnixFileMode(Path.Combine(state, file)) == (UnixFileMode.UserRead | UnixFileMode.UserWrite),
                $"{file} is {File.GetUnixFileMode(Path.Combine(state, file))}; expected 0600");
    }

    private static string ConsoleDll => Path.Combine(TestData.RepositoryRoot, "src", "Client", "bin", Configuration, "net10.0", "relevancerelated.dll");

    private static async Task<(int ExitCode, string Output)> ConsoleAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [ConsoleDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string state, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Script, .. arguments])
        {
            WorkingDirectory = TestData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RELEVANCERELATED_LOCAL_CLUSTER_DIR"] = state;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
