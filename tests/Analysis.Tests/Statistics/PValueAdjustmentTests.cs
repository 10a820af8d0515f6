using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class PValueAdjustmentTests
{
    private static readonly double[] P = [0.01, 0.04, double.NaN, 0.03, 0.005, 0.04, 0.2, 0.0001, 0.5, 0.012];

    [Theory]
    [InlineData(PAdjustMethod.Bonferroni, "bonferroni")]
    [InlineData(PAdjustMethod.Holm, "holm")]
    [InlineData(PAdjustMethod.BenjaminiHochberg, "BH")]
    public void Matches_R_p_adjust_with_missing_values(PAdjustMethod method, string rName)
    {
        var adjusted = PValueAdjustment.Adjust(P, method);
        for (var i = 0; i < P.Length; i++)
            RReference.Close(RReference.Value($"padjust_{rName}", "n=default", (i + 1).ToString()), adjusted[i], what: $"p[{i}]");
    }

    [Theory]
    [InlineData(PAdjustMethod.Bonferroni, "bonferroni")]
    [InlineData(PAdjustMethod.Holm, "holm")]
    [InlineData(PAdjustMethod.BenjaminiHochberg, "BH")]
    public void Matches_R_p_adjust_with_a_larger_number_of_tests(PAdjustMethod method, string rName)
    {
        // 17 structures × 2 hemispheres, as the original's Bonferroni factor.
        var adjusted = PValueAdjustment.Adjust(P, method, numberOfTests: 34);
        for (var i = 0; i < P.Length; i++)
            RReference.Close(RReference.Value($"padjust_{rName}", "n=34", (i + 1).ToString()), adjusted[i], what: $"p[{i}]");
    }

    [Fact]
    public void Fewer_tests_than_p_values_is_bad_input()
    {
        Assert.Throws<InvalidInputException>(() => PValueAdjustment.Adjust([0.1, 0.2, 0.3], PAdjustMethod.Holm, numberOfTests: 2));
    }

    [Theory]
    [InlineData("fdr_bh", PAdjustMethod.BenjaminiHochberg)]
    [InlineData("BH", PAdjustMethod.BenjaminiHochberg)]
    [InlineData("holm", PAdjustMethod.Holm)]
    [InlineData("none", PAdjustMethod.None)]
    public void Method_names_parse(string name, PAdjustMethod expected) => Assert.Equal(expected, PAdjustMethodNames.Parse(name));
}
