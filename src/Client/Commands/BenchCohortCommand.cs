using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Hosting.Benchmarks;
using RelevanceRelated.Hosting;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>bench cohort --subjects N [--postgres CONN] [--concurrency K] [--recording FILE] [--json]</c>: the cohort service at
/// scale, with the analysis stages replaced by the recorded results of a real run (<see cref="CohortScaleBenchmark"/>).
/// The recording is made once, by running the demo pipeline on eight simulated subjects, and kept in FILE.
/// </summary>
public static class BenchCohortCommand
{
    public const string Note = "orchestration only: the analysis stages replay recorded results of a real run (no imaging)";

    public static Command Create()
    {
        var subjects = new Option<int>("--subjects") { Description = "Subjects in the cohort", DefaultValueFactory = _ => 1000 };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string: PostgreSQL clustering and state (schema applied first) instead of memory" };
        var concurrency = new Option<int>("--concurrency") { Description = "Subjects in flight", DefaultValueFactory = _ => 64 };
        var recordingFile = new Option<string?>("--recording") { Description = "Recorded stage results (made by a demo run when the file does not exist; default [paths].results/bench-cohort-recording.json)" };
        var json = new Option<bool>("--json") { Description = "Print subjects, submit_seconds, status_seconds, write_bytes_per_subject, statistics_seconds, cohort_memory_bytes (and more) as JSON" };
        var command = new Command("cohort", "The cohort service at scale: submit, status, state written per subject, statistics, memory (" + Note + ").");
        foreach (var o in new Option[] { subjects, postgres, concurrency, recordingFile, json }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var n = parseResult.GetValue(subjects);
            var k = parseResult.GetValue(concurrency);
            if (n < 1 || k < 1) throw new InvalidInputException("--subjects and --concurrency must be at least 1.");
            var config = ConfigOptions.Load(parseResult).Config;
            var writer = parseResult.InvocationConfiguration.Output;
            var log = parseResult.GetValue(json) ? parseResult.InvocationConfiguration.Error : writer;
            var path = parseResult.GetValue(recordingFile) ?? Path.Combine(config.Paths.Results, "bench-cohort-recording.json");
            var recording = File.Exists(path) ? CohortRecording.Load(path) : RecordAsync(parseResult, config, path, log).GetAwaiter().GetResult();
            var result = CohortScaleBenchmark.RunAsync(recording, n, k, parseResult.GetValue(postgres), log).GetAwaiter().GetResult();
            if (parseResult.GetValue(json)) writer.WriteLine(ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else Print(result, writer);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs the demo pipeline on eight simulated subjects in an embedded silo and keeps every stage's result.</summary>
    private static async Task<CohortRecording> RecordAsync(ParseResult parseResult, RelevanceRelatedConfig baseConfig, string path, TextWriter log)
    {
        log.WriteLine($"recording the stage results of a real run into {path} ...");
        var directory = Directory.CreateTempSubdirectory("rr-bench-record-").FullName;
        try
        {
            var demo = DemoCohort.Prepare(parseResult, baseConfig, directory, count: 8, seed: 1, log);
            var recording = await CohortRecording.RecordAsync(demo.Config, demo.Submissions, TimeSpan.FromMinutes(30));
            recording.Save(path);
            return recording;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static JsonObject ToJson(CohortScaleBenchmark.Result r) => new()
    {
        ["subjects"] = r.Subjects,
        ["submit_seconds"] = r.SubmitSeconds,
        ["status_seconds"] = r.StatusSeconds,
        ["write_bytes_per_subject"] = r.WriteBytesPerSubject,
        ["statistics_seconds"] = r.StatisticsSeconds,
        ["cohort_memory_bytes"] = r.CohortMemoryBytes,
        ["cohort_write_bytes_per_subject"] = r.CohortWriteBytesPerSubject,
        ["status_max_seconds"] = r.StatusMaxSeconds,
        ["run_seconds"] = r.RunSeconds,
        ["regions"] = r.Regions,
        ["storage"] = r.Storage,
        ["concurrency"] = r.Concurrency,
        ["note"] = Note,
    };

    private static void Print(CohortScaleBenchmark.Result r, TextWriter writer)
    {
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        writer.WriteLine($"cohort of {r.Subjects} subjects, {r.Storage} storage, {r.Concurrency} in flight ({Note})");
        writer.WriteLine($"  submit              {F(r.SubmitSeconds)} s");
        writer.WriteLine($"  run                 {F(r.RunSeconds)} s");
        writer.WriteLine($"  status              {F(r.StatusSeconds)} s (median when complete; slowest while running {F(r.StatusMaxSeconds)} s)");
        writer.WriteLine($"  state written       {F(r.WriteBytesPerSubject)} bytes per finished subject, of which cohort bookkeeping {F(r.CohortWriteBytesPerSubject)}");
        writer.WriteLine($"  statistics          {F(r.StatisticsSeconds)} s ({r.Regions} regional correlations)");
        writer.WriteLine($"  cohort memory       {F(r.CohortMemoryBytes / 1048576.0)} MiB (managed heap after completion minus before submitting)");
    }
}
