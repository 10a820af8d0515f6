using System.CommandLine;
using System.Diagnostics;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Client.Commands;

/// <summary>
/// <c>bench statistics</c> (a sub-command for the shared <c>bench</c> verb): times the cohort-statistics workload
/// in process and, with <c>--r-script</c>, runs R's timing of the same work for comparison.
/// </summary>
public static class BenchStatisticsCommand
{
    public static Command Create()
    {
        var subjects = new Option<int>("--subjects") { Description = "Subjects in the synthetic cohort.", DefaultValueFactory = _ => 10_000 };
        var regions = new Option<int>("--regions") { Description = "Regions per subject.", DefaultValueFactory = _ => 100 };
        var repeat = new Option<int>("--repeat") { Description = "Timed repetitions (after one warm-up); the median is reported.", DefaultValueFactory = _ => 5 };
        var rScript = new Option<string?>("--r-script") { Description = "tests/Benchmarks/reference/statistics-benchmark.R: also run it with Rscript and print R's times." };
        var command = new Command("statistics", "Correlation + Bonferroni and 5-predictor OLS per region over a synthetic cohort; medians against R.");
        foreach (var o in new Option[] { subjects, regions, repeat, rScript }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var n = parse.GetValue(subjects);
            var k = parse.GetValue(regions);
            var times = parse.GetValue(repeat);
            if (n < 10 || k < 1 || times < 1) throw new InvalidInputException("--subjects must be at least 10, --regions and --repeat at least 1.");
            var cohort = new CohortBenchmark(n, k);
            output.WriteLine($"C# ({Environment.ProcessorCount} cores), {n} subjects × {k} regions, median of {times}:");
            var (wall, cpu) = Median(times, () => cohort.CorrelationWithBonferroni());
            output.WriteLine($"  correlation + Bonferroni: {wall:F1} ms wall, {cpu:F1} ms CPU");
            (wall, cpu) = Median(times, () => cohort.OlsPerRegion());
            output.WriteLine($"  OLS 5 predictors/region: {wall:F1} ms wall, {cpu:F1} ms CPU");
            if (parse.GetValue(rScript) is { } script)
            {
                if (!File.Exists(script)) throw new InvalidInputException($"--r-script: '{script}' does not exist.");
                output.Write(RunR(script));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Median wall and CPU milliseconds; on a shared machine the CPU time is the fairer comparison.</summary>
    private static (double Wall, double Cpu) Median(int times, Action work)
    {
        work(); // warm-up: JIT and caches
        var wall = new double[times];
        var cpu = new double[times];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < times; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            work();
            wall[i] = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        }
        return (MedianOf(wall), MedianOf(cpu));
    }

    private static double MedianOf(double[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static string RunR(string script)
    {
        var info = new ProcessStartInfo("Rscript", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Rscript could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Rscript {script} failed ({process.ExitCode}): {stderr.Result.Trim()}");
        return stdout.Result;
    }
}
