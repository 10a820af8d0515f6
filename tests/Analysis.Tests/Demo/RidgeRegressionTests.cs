using RelevanceRelated.Analysis.Demo;

namespace RelevanceRelated.Analysis.Tests.Demo;

public sealed class RidgeRegressionTests
{
    [Fact]
    public void Recovers_a_noise_free_linear_relation_on_the_raw_feature_scale()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 40).Select(_ => new[] { (float)(random.NextDouble() * 10), (float)(random.NextDouble() * 2 + 5), 7f }).ToArray();
        var y = x.Select(f => 3 + 2.0 * f[0] - 4.0 * f[1]).ToArray();

        var fit = RidgeRegression.Fit(x, y, [1e-8]);

        Assert.Equal(2.0, fit.Weights[0], 4);
        Assert.Equal(-4.0, fit.Weights[1], 4);
        Assert.Equal(0.0, fit.Weights[2]); // constant feature
        Assert.Equal(3.0, fit.Intercept, 3);
        Assert.Equal(3 + 2.0 * 4 - 4.0 * 6, fit.Predict([4f, 6f, 7f]), 3);
    }

    [Fact]
    public void Chooses_a_larger_penalty_when_features_are_pure_noise()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 100).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var y = Enumerable.Range(0, 30).Select(_ => random.NextDouble() * 60 + 20).ToArray();
        double[] grid = [1e-3, 1e6];

        var fit = RidgeRegression.Fit(x, y, grid);

        Assert.Equal(1e6, fit.Lambda);
    }
}
