using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public sealed class PairedTTestTests
{
    [Fact]
    public void Incomplete_pairs_are_dropped_as_R_does()
    {
        double[] x = [0.031, 0.024, double.NaN, 0.040, 0.019, 0.036, 0.028];
        double[] y = [0.025, 0.022, 0.5, 0.030, 0.020, 0.027, 0.026];

        var t = PairedTTest.Run(x, y);

        // R: t.test(c(.031,.024,.040,.019,.036,.028), c(.025,.022,.030,.020,.027,.026), paired = TRUE)
        Assert.Equal((6, 5), (t.N, t.Df));
        Assert.Equal(2.61785157202368, t.T, 1e-10);
        Assert.Equal(0.0472200200544381, t.P, 1e-10);
    }

    [Fact]
    public void A_single_pair_has_no_test()
    {
        var t = PairedTTest.Run([1.0], [0.5]);

        Assert.Equal(0.5, t.MeanDifference);
        Assert.True(double.IsNaN(t.P));
    }
}
