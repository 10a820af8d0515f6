using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Benchmarks;

/// <summary>
/// Cohort statistics at scale: 10,000 subjects × 100 regions, 1 % of the region values missing.
/// (1) Pearson r of every region with age plus Bonferroni over the regions; (2) OLS of every region on
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

    private const int Subjects = 10_000;
    private const int Regions = 100;
    private double[][] _regions = [];
    private double[] _age = [];
    private List<(string, double[])> _predictors = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        _age = Enumerable.Range(0, Subjects).Select(_ => 20 + 60 * random.NextDouble()).ToArray();
        var sex = Enumerable.Range(0, Subjects).Select(_ => (double)random.Next(2)).ToArray();
        var covariates = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, Subjects).Select(_ => Normal()).ToArray()).ToArray();
        _predictors = [("age", _age), ("sex", sex), ("c1", covariates[0]), ("c2", covariates[1]), ("c3", covariates[2])];
        _regions = Enumerable.Range(0, Regions).Select(r =>
            Enumerable.Range(0, Subjects).Select(i => random.NextDouble() < 0.01 ? double.NaN : 0.01 * r * _age[i] + 0.5 * sex[i] + Normal()).ToArray()).ToArray();
    }

    [Benchmark(Description = "Pearson per region + Bonferroni (10,000 × 100)")]
    public double[] CorrelationWithBonferroni()
    {
        var p = new double[Regions];
        for (var r = 0; r < Regions; r++) p[r] = PearsonCorrelation.Test(_regions[r], _age).P;
        return PValueAdjustment.Adjust(p, PAdjustMethod.Bonferroni);
    }

    [Benchmark(Description = "OLS with 5 predictors per region (10,000 × 100)")]
    public double OlsPerRegion()
    {
        var sum = 0.0;
        for (var r = 0; r < Regions; r++) sum += OrdinaryLeastSquares.Fit(_regions[r], _predictors).FP;
        return sum;
    }
}
