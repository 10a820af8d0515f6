using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RelevanceRelated.Deploy.Tests.Docker;
using RelevanceRelated.Integration.Tests.Cohorts;
using RelevanceRelated.Integration.Tests.Telemetry;
using RelevanceRelated.Tests;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Deploy.Tests.LocalCluster;

/// <summary>
/// Issue 9's end-to-end check: scripts/local-cluster.sh brings up three silo processes (one declared GPU) on
/// PostgreSQL; a simulated cohort goes in through the console; the silo process running work is SIGKILLed; the
/// cohort still completes and <c>status --json</c> shows every subject done in every stage.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class LocalClusterCohortTests
{
    private const string Cohort = "local";
    private const int Subjects = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    private static readonly string Script = Path.Combine(TestData.RepositoryRoot, "scripts", "local-cluster.sh");

    private static string Configuration =>
        typeof(LocalClusterCohortTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The console built alongside this test assembly (no second build or publish).</summary>
    private static string ConsoleDll => Path.Combine(TestData.RepositoryRoot, "src", "Client", "bin", Configuration, "net10.0", "relevancerelated.dll");

    /// <summary>
    /// Production defaults vote a dead silo out within about a minute and re-drive once a minute; these settings,
    /// passed to the silos through the script's environment, make the same recovery take seconds.
    /// </summary>
    private static readonly Dictionary<string, string> FastFailover = new()
    {
        ["RelevanceRelated__Membership__ProbeTimeout"] = "00:00:01",
        ["RelevanceRelated__Membership__NumMissedProbesLimit"] = "2",
        ["RelevanceRelated__Membership__TableRefreshTimeout"] = "00:00:02",
        ["RelevanceRelated__Reminders__MinimumReminderPeriod"] = "00:00:01",
        ["RelevanceRelated__Reminders__RefreshReminderListPeriod"] = "00:00:02",
        ["RelevanceRelated__Cohorts__RedrivePeriod"] = "00:00:03",
        ["Logging__LogLevel__Orleans"] = "Warning", // keep our own lines (re-drives, failures) readable in a failure report
    };

    private sealed record Silo(string Name, int HealthPort, int Pid);

    /// <param name="kills">How many of the three silos are SIGKILLed while they run a stage (one after the other): with two,
    /// the last silo alone finishes the cohort.</param>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_cohort_submitted_through_the_console_completes_after_silos_running_work_are_killed(int kills)
    {
        var root = TestData.NewTempDirectory("rr-local-cohort");
        var state = Path.Combine(root, "cluster");
        var bids = Path.Combine(root, "data", "bids");
        var configs = WriteConfiguration(root);
        await using var database = await ScratchDatabase.CreateAsync();
        var progressLog = new StringBuilder();
        try
        {
            var simulate = await ConsoleAsync(root, "simulate", "--subjects", $"{Subjects}", "--voxel-size", "2", "--seed", "3", "--out", bids);
            Assert.True(simulate.ExitCode == 0, $"simulate failed:\n{simulate.Output}");

            var start = await ScriptAsync(state, FastFailover, "start", "--configuration", Configuration, "--no-build",
                "--connection", database.ConnectionString, "--config-dir", configs);
            Assert.True(start.ExitCode == 0, $"local-cluster.sh start failed ({start.ExitCode}):\n{start.Output}");
            var silos = ReadSilos(state);
            string[] client = ["--config-dir", configs, "--config", Path.Combine(state, "cluster.config.toml")];

            var submit = await ConsoleAsync(root, [.. client, "submit", "--cohort", Cohort, "--participants", Path.Combine(bids, "participants.tsv"),
                "--freesurfer", Path.Combine(bids, "derivatives", "freesurfer")]);
            Assert.True(submit.ExitCode == 0, $"submit failed:\n{submit.Output}");
            Assert.Contains($"{Subjects} subjects submitted ({Subjects} new", submit.Output);

            var alive = silos.ToList();
            for (var k = 0; k < kills; k++)
            {
                var victim = await SiloRunningWorkAsync(alive, TimeSpan.FromMinutes(2));
                using (var kill = Process.GetProcessById(victim.Pid)) kill.Kill(); // SIGKILL: no graceful hand-over
                alive.Remove(victim);
                progressLog.AppendLine($"{DateTime.UtcNow:HH:mm:ss.f} SIGKILL {victim.Name} (pid {victim.Pid}) while it ran a stage");
            }

            using var status = await WaitForCompletionAsync(root, client, progressLog);
            var stages = status.RootElement.GetProperty("stages");
            Assert.Equal(StageNames.All.Count, stages.EnumerateObject().Count());
            foreach (var stage in stages.EnumerateObject())
            {
                Assert.Equal(Subjects, stage.Value.GetProperty("done").GetInt32());
                Assert.Equal(0, stage.Value.GetProperty("failed").GetInt32());
            }
            Assert.Empty(status.RootElement.GetProperty("failures").EnumerateArray());

            // Each stage of each subject completed exactly once; the stage the dead silo ran was attempted again.
            var attempts = new List<int>();
            foreach (var subject in File.ReadAllLines(Path.Combine(bids, "participants.tsv")).Skip(1).Select(l => l.Split('\t')[0]))
            {
                var details = await ConsoleAsync(root, [.. client, "subject", Cohort, subject, "--json"]);
                Assert.True(details.ExitCode == 0, $"subject {subject} failed:\n{details.Output}");
                using var json = JsonDocument.Parse(details.Output);
                foreach (var record in json.RootElement.GetProperty("Stages").EnumerateArray())
                {
                    Assert.Equal(1, record.GetProperty("Completions").GetInt32());
                    attempts.Add(record.GetProperty("Attempts").GetInt32());
                }
            }
            Assert.Contains(attempts, a => a > 1);
            TestContext.Current.TestOutputHelper?.WriteLine(progressLog.ToString());
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n\n== progress\n{progressLog}\n{SiloLogs(state)}\n{ex.StackTrace}");
        }
        finally
        {
            if (Directory.Exists(state)) await ScriptAsync(state, FastFailover, "stop");
        }
    }

    /// <summary>
    /// A UK-Biobank-sized submit through the console to the three silos, on a PostgreSQL with its default 100
    /// connections: every row joins the cohort (the subjects' images do not exist, so their ingest fails later; the
    /// test is about the submit and the bookkeeping, not the science).
    /// </summary>
    [Fact]
    public async Task A_100000_row_submit_to_the_three_silo_cluster_succeeds_with_postgres_at_100_connections()
    {
        const int rows = 100_000;
        var root = TestData.NewTempDirectory("rr-local-large");
        var state = Path.Combine(root, "cluster");
        var bids = Directory.CreateDirectory(Path.Combine(root, "data", "bids")).FullName;
        var configs = WriteConfiguration(root);
        var participants = Path.Combine(bids, "participants.tsv");
        File.WriteAllLines(participants, ["participant_id\tage\tsex", .. Enumerable.Range(1, rows).Select(i => $"sub-{i:000000}\t{20 + i % 60}\t{(i % 2 == 0 ? "F" : "M")}")]);
        try
        {
            var environment = new Dictionary<string, string>(FastFailover) { ["RELEVANCERELATED_PG_MAX_CONNECTIONS"] = "100" };
            var start = await ScriptAsync(state, environment, "start", "--configuration", Configuration, "--no-build", "--config-dir", configs);
            Assert.True(start.ExitCode == 0, $"local-cluster.sh start failed ({start.ExitCode}):\n{start.Output}");
            string[] client = ["--config-dir", configs, "--config", Path.Combine(state, "cluster.config.toml")];

            var submit = await ConsoleAsync(root, [.. client, "submit", "--cohort", "large", "--participants", participants]);
            Assert.True(submit.ExitCode == 0, $"submit failed:\n{submit.Output}\n{SiloLogs(state)}");
            Assert.Contains($"{rows} subjects submitted ({rows} new", submit.Output);

            var status = await ConsoleAsync(root, [.. client, "status", "large", "--json"]);
            Assert.True(status.ExitCode == 0, status.Output);
            using var json = JsonDocument.Parse(status.Output);
            Assert.Equal(rows, json.RootElement.GetProperty("subjects").GetInt32());
        }
        finally
        {
            if (Directory.Exists(state)) await ScriptAsync(state, FastFailover, "stop");
        }
    }

    /// <summary>configs/config.toml plus the test's paths and a tiny brain-age model, as the silos and the console read them.</summary>
    private static string WriteConfiguration(string root)
    {
        var configs = Directory.CreateDirectory(Path.Combine(root, "configs")).FullName;
        var models = Directory.CreateDirectory(Path.Combine(root, "models")).FullName;
        File.Copy(Path.Combine(TestData.RepositoryRoot, "configs", "config.toml"), Path.Combine(configs, "config.toml"));
        File.WriteAllText(Path.Combine(configs, "local.config.toml"), $"""
            [paths]
            data = "{Path.Combine(root, "data")}"
            artifacts = "{Path.Combine(root, "artifacts")}"
            models = "{models}"

            {TinyBrainAgeModel.Write(models, "tiny_t1")}
            """);
        return configs;
    }

    private static List<Silo> ReadSilos(string state) => File.ReadAllLines(Path.Combine(state, "silos"))
        .Select(l => l.Split(' '))
        .Select(p => new Silo(p[0], int.Parse(p[3]), int.Parse(File.ReadAllText(Path.Combine(state, $"{p[0]}.pid")))))
        .ToList();

    /// <summary>
    /// A silo whose own metrics show a stage under way (started − done − failed &gt; 0). Ingest alone is too quick to
    /// be caught reliably before it ends, so the silo must be running one of the analysis stages.
    /// </summary>
    private static async Task<Silo> SiloRunningWorkAsync(IReadOnlyList<Silo> silos, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var silo in silos)
            {
                var metrics = PrometheusText.Parse(await http.GetStringAsync($"http://127.0.0.1:{silo.HealthPort}/metrics", TestContext.Current.CancellationToken));
                var running = PrometheusText.StagesInProgress(metrics);
                if (running.Any(r => r.Key != "ingest" && r.Value > 0)) return silo;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"no silo showed an analysis stage under way within {timeout}");
    }

    /// <summary>Polls <c>status --json</c> until the cohort is complete; a poll that fails (a gateway just died) is retried.</summary>
    private static async Task<JsonDocument> WaitForCompletionAsync(string root, string[] client, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var status = await ConsoleAsync(root, [.. client, "status", Cohort, "--json"]);
            log.AppendLine($"{DateTime.UtcNow:HH:mm:ss.f} status exit {status.ExitCode}: {Compact(status.Output)}");
            if (status.ExitCode == 0)
            {
                var json = JsonDocument.Parse(status.Output);
                if (json.RootElement.GetProperty("complete").GetBoolean()) return json;
                json.Dispose();
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"cohort '{Cohort}' did not complete within {Deadline}");
            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }
    }

    private static string Compact(string text) => string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string SiloLogs(string state)
    {
        if (!Directory.Exists(state)) return "(no cluster state directory)";
        var text = new StringBuilder();
        foreach (var log in Directory.GetFiles(state, "*.log").Order(StringComparer.Ordinal))
        {
            text.AppendLine($"== {Path.GetFileName(log)} (last 80 lines)");
            foreach (var line in File.ReadLines(log).TakeLast(80)) text.AppendLine(line);
        }
        return text.ToString();
    }

    private static Task<(int ExitCode, string Output)> ConsoleAsync(string workingDirectory, params string[] arguments) =>
        RunAsync("dotnet", [ConsoleDll, .. arguments], workingDirectory, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

    private static Task<(int ExitCode, string Output)> ScriptAsync(string state, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync("bash", [Script, .. arguments], TestData.RepositoryRoot,
            new Dictionary<string, string>(environment) { ["RELEVANCERELATED_LOCAL_CLUSTER_DIR"] = state }, TimeSpan.FromMinutes(4));

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout}");
        }
        return (process.ExitCode, await output + await error);
    }
}
