using RelevanceRelated.Contracts;
using Spectre.Console;

namespace RelevanceRelated.Client.Commands;

/// <summary>How the demo follows a cohort to completion: a live progress bar per stage on a terminal, plain lines otherwise.</summary>
internal static class DemoProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Prints a line whenever a stage's counts change, until the cohort is complete.</summary>
    public static async Task<CohortProgress> WaitAsync(ICohortGrain cohort, TimeSpan timeout, TextWriter writer)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            var progress = await cohort.GetProgress();
            var line = Line(progress);
            if (line != last) writer.WriteLine(line);
            last = line;
            if (progress.Complete) return progress;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"demo: the cohort did not complete within {timeout.TotalMinutes} minutes ({line})");
            await Task.Delay(Poll);
        }
    }

    /// <summary>Spectre.Console progress: one bar per stage (done + failed of all subjects), running and failed counts in the label.</summary>
    public static Task<CohortProgress> WaitLiveAsync(ICohortGrain cohort, TimeSpan timeout) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var deadline = DateTime.UtcNow + timeout;
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                while (true)
                {
                    var progress = await cohort.GetProgress();
                    foreach (var stage in progress.Stages)
                    {
                        if (!bars.TryGetValue(stage.Stage, out var bar)) bars[stage.Stage] = bar = context.AddTask(stage.Stage, maxValue: Math.Max(1, progress.Subjects));
                        bar.MaxValue = Math.Max(1, progress.Subjects);
                        bar.Value = stage.Done + stage.Failed;
                        bar.Description = Markup.Escape($"{stage.Stage,-10} {stage.Done}/{progress.Subjects}" +
                            (stage.Running > 0 ? $" ({stage.Running} running)" : "") + (stage.Failed > 0 ? $" ({stage.Failed} failed)" : ""));
                    }
                    if (progress.Complete) return progress;
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"demo: the cohort did not complete within {timeout.TotalMinutes} minutes ({Line(progress)})");
                    await Task.Delay(Poll);
                }
            });

    private static string Line(CohortProgress progress) => string.Join("  ", progress.Stages.Select(s =>
        $"{s.Stage} {s.Done}/{progress.Subjects}{(s.Running > 0 ? $" ({s.Running} running)" : "")}{(s.Failed > 0 ? $" ({s.Failed} failed)" : "")}"));
}
