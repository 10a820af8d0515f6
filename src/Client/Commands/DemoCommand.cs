using RelevanceRelated.Contracts;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Demo;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Hosting;
using RelevanceRelated.Client.Cohorts;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>demo [--subjects N] [--out DIR]</c>: simulates a small cohort (2 mm voxels), builds or reuses the demo
/// brain-age model, runs every stage on an embedded silo inside this process, prints progress per stage and writes
/// prints the statistics summary and
/// the time outside the analysis code, and exports the cohort under <c>--out</c> (<see cref="CohortExport"/>: maps, heatmaps, tables, figures, report.html).
/// </summary>
public static class DemoCommand
{
    public const string CohortName = "demo";

    public static Command Create()
    {
        var subjects = new Option<int>("--subjects") { Description = "Number of subjects to simulate", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--out") { Description = "Output directory (inputs under data/, artifacts/, then tables/ and maps/)", DefaultValueFactory = _ => "demo-out" };
        var seed = new Option<int>("--seed") { Description = "Simulation seed", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many minutes", DefaultValueFactory = _ => 30 };
        var command = new Command("demo", "Simulate a cohort, build or reuse the demo model, run every stage on an in-process silo and write per-subject tables.");
        foreach (var option in (Option[])[subjects, output, seed, timeout]) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            var count = parseResult.GetValue(subjects);
            if (count is < 1 or > 10_000) throw new InvalidInputException($"--subjects: expected 1 to 10000, got {count}");
            var loaded = ConfigOptions.Load(parseResult);
            var writer = parseResult.InvocationConfiguration.Output;
            var outDirectory = Path.GetFullPath(parseResult.GetValue(output)!);
            return RunAsync(parseResult, loaded.Config, outDirectory, count, parseResult.GetValue(seed),
                TimeSpan.FromMinutes(parseResult.GetValue(timeout)), writer).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, RelevanceRelatedConfig baseConfig, string outDirectory, int count, int seed,
        TimeSpan timeout, TextWriter writer)
    {
        var clock = Stopwatch.StartNew();
        var demo = DemoCohort.Prepare(parseResult, baseConfig, outDirectory, count, seed, writer);
        var (config, submissions) = (demo.Config, demo.Submissions);
        using var host = await EmbeddedSilo.StartCohortServiceAsync(config, "demo");
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var cohort = grains.GetGrain<ICohortGrain>(CohortName);
            var pipelineClock = Stopwatch.StartNew();
            var submitted = await cohort.Submit([.. submissions]);
            writer.WriteLine($"submitted {submissions.Count} subject(s) ({submitted.Added} new, {submitted.Changed} changed, {submitted.Unchanged} unchanged)");
            var progress = UseLiveDisplay(writer)
                ? await DemoProgress.WaitLiveAsync(cohort, timeout)
                : await DemoProgress.WaitAsync(cohort, timeout, writer);
            var pipelineWall = pipelineClock.Elapsed;

            // Timing reads each subject's stage records: one call per subject, fine for a demo's handful.
            var details = await Task.WhenAll(submissions.Select(s => grains.GetGrain<ISubjectGrain>(SubjectKey.Of(CohortName, s.SubjectId)).GetDetails()));
            var timing = PipelineTiming.Measure([.. details.Select(d => (IReadOnlyList<(DateTimeOffset, DateTimeOffset)>)[.. d.Stages
                .Where(r => r is { Status: StageStatus.Done, Started: not null, Finished: not null })
                .Select(r => (r.Started!.Value, r.Finished!.Value))])], pipelineWall);
            var analyses = await grains.GetGrain<ICohortAnalysesGrain>(CohortName).Run([.. AnalysisKinds.All.Select(k => k.Name())]);
            var exportClock = Stopwatch.StartNew();
            var export = await CohortExport.WriteAsync(grains, CohortName, config, config.Paths.Artifacts, outDirectory);
            var exportTime = exportClock.Elapsed;
            foreach (var failure in progress.Failures) writer.WriteLine($"failed {failure.SubjectId} {failure.Stage}: {failure.Reason}");
            writer.WriteLine();
            CohortStatistics.Print(export.Statistics.Summaries, writer);
            writer.WriteLine();
            AnalysesReportText.Print(analyses, writer);
            writer.WriteLine();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {export.Files.Count} file(s) under {outDirectory} in {exportTime.TotalSeconds:F1} s: maps/, heatmaps/, tables/, figures/, viewer/, {ReportPage.FileName} (open it), viewer.html; the analyses' tables under {analyses.Outcome.Folder}"));
            writer.WriteLine($"pipeline: {timing.Describe()}");
            var minutes = clock.Elapsed.TotalMinutes;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done in {clock.Elapsed.TotalSeconds:F1} s ({count / minutes:F2} subjects/min including simulation, model and export)"));
            return progress.Failures.IsEmpty ? ExitCodes.Success : ExitCodes.Failure;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>A live display only on a real terminal; redirected output and tests get plain lines.</summary>
    private static bool UseLiveDisplay(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
}
