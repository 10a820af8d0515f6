using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Cohort statistics at scale (<see cref="CohortBenchmark"/>): 10,000 subjects × 100 regions, 1 % of the region values
/// missing. (1) Pearson r of every region with age plus Bonferroni over the regions; (2) OLS of every region on
/// 5 predictors (summary(lm) quantities). reference/statistics-benchmark.R times the same work in R.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*StatisticsBenchmarks*'
/// </summary>
[Config(typeof(StatisticsBenchmarks.Config))]
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    /// <summary>
    /// Few iterations (2 shared cores), in process: the out-of-process toolchain looks for a project named after
    /// the assembly (RelevanceRelated.Benchmarks) and does not find Benchmarks.csproj.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private CohortBenchmark _cohort = null!;

    [GlobalSetup]
    public void Setup() => _cohort = new CohortBenchmark(subjects: 10_000, regions: 100);

    [Benchmark(Description = "Pearson per region + Bonferroni (10,000 × 100)")]
    public double[] CorrelationWithBonferroni() => _cohort.CorrelationWithBonferroni();

    [Benchmark(Description = "OLS with 5 predictors per region (10,000 × 100)")]
    public double OlsPerRegion() => _cohort.OlsPerRegion();
}
