namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// The cohort-statistics workload the benchmarks time (BenchmarkDotNet suite and <c>bench statistics</c>): a synthetic
/// cohort of subjects × regions with 1 % of region values missing; (1) Pearson r of every region with age plus
/// Bonferroni over regions, (2) OLS of every region on 5 predictors. tests/Benchmarks/reference/statistics-benchmark.R
/// times the same work in R.
/// </summary>
public sealed class CohortBenchmark
{
    public int Subjects { get; }
    public int Regions { get; }
    private readonly double[][] _regions;
    private readonly double[] _age;
    private readonly List<(string, double[])> _predictors;

    public CohortBenchmark(int subjects = 10_000, int regions = 100, int seed = 42)
    {
        Subjects = subjects;
        Regions = regions;
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        _age = Enumerable.Range(0, subjects).Select(_ => 20 + 60 * random.NextDouble()).ToArray();
        var sex = Enumerable.Range(0, subjects).Select(_ => (double)random.Next(2)).ToArray();
        var covariates = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, subjects).Select(_ => Normal()).ToArray()).ToArray();
        _predictors = [("age", _age), ("sex", sex), ("c1", covariates[0]), ("c2", covariates[1]), ("c3", covariates[2])];
        _regions = Enumerable.Range(0, regions).Select(r =>
            Enumerable.Range(0, subjects).Select(i => random.NextDouble() < 0.01 ? double.NaN : 0.01 * r * _age[i] + 0.5 * sex[i] + Normal()).ToArray()).ToArray();
    }

    /// <summary>Pearson r of every region with age, Bonferroni-adjusted over the regions.</summary>
    public double[] CorrelationWithBonferroni()
    {
        var p = new double[Regions];
        for (var r = 0; r < Regions; r++) p[r] = PearsonCorrelation.Test(_regions[r], _age).P;
        return PValueAdjustment.Adjust(p, PAdjustMethod.Bonferroni);
    }

    /// <summary>summary(lm(region ~ age + sex + c1 + c2 + c3)) for every region; returns the sum of the F p-values.</summary>
    public double OlsPerRegion()
    {
        var sum = 0.0;
        for (var r = 0; r < Regions; r++) sum += OrdinaryLeastSquares.Fit(_regions[r], _predictors).FP;
        return sum;
    }
}
