using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class DistributionsTests
{
    [Theory]
    [InlineData(40, 5, "t=40;df=5")]
    [InlineData(8, 100, "t=8;df=100")]
    [InlineData(-1.5, 7, "t=-1.5;df=7")]
    public void Student_t_upper_tail_matches_R_pt_far_into_the_tail(double t, double df, string key) =>
        RReference.Close(RReference.Value("tail", "pt_upper", key), Distributions.StudentTUpper(t, df));

    [Theory]
    [InlineData(200, 4, 35, "f=200;df=4;35")]
    [InlineData(0.7, 3, 12, "f=0.7;df=3;12")]
    public void F_upper_tail_matches_R_pf(double f, double d1, double d2, string key) =>
        RReference.Close(RReference.Value("tail", "pf_upper", key), Distributions.FisherFUpper(f, d1, d2));

    [Theory]
    [InlineData(150, 3, "x=150;df=3")]
    [InlineData(2.5, 4, "x=2.5;df=4")]
    public void Chi_squared_upper_tail_matches_R_pchisq(double x, double df, string key) =>
        RReference.Close(RReference.Value("tail", "pchisq_upper", key), Distributions.ChiSquaredUpper(x, df));

    [Fact]
    public void Normal_quantile_matches_R_qnorm() =>
        RReference.Close(RReference.Value("tail", "qnorm", "p=0.975"), Distributions.NormalQuantile(0.975), rel: 1e-14);
}
