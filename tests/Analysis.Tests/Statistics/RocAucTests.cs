using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public sealed class RocAucTests
{
    [Fact]
    public void Counts_the_fraction_of_positive_negative_pairs_ranked_correctly()
    {
        // Pairs (positive, negative): (0.4, 0.1) ✓, (0.4, 0.35) ✓, (0.8, 0.1) ✓, (0.8, 0.35) ✓ → 1; swap 0.4 and 0.35 labels → 3/4.
        float[] scores = [0.1f, 0.4f, 0.35f, 0.8f];
        bool[] labels = [false, false, true, true];

        Assert.Equal(0.75, RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Counts_a_tie_between_a_positive_and_a_negative_as_one_half()
    {
        // Positives 1 and 3, negatives 1 and 2: (1 vs 1) ½, (1 vs 2) 0, (3 vs 1) 1, (3 vs 2) 1 → 2.5 / 4.
        float[] scores = [1, 1, 2, 3];
        bool[] labels = [false, true, false, true];

        Assert.Equal(0.625, RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Is_one_for_perfect_separation_and_zero_for_reversed()
    {
        float[] scores = [1, 2, 3, 4, 5];
        bool[] high = [false, false, false, true, true];
        bool[] low = [true, true, false, false, false];

        Assert.Equal(1.0, RocAuc.Compute(scores, high), 12);
        Assert.Equal(0.0, RocAuc.Compute(scores, low), 12);
    }

    [Fact]
    public void Ignores_voxels_outside_the_mask()
    {
        // Without the mask the negative at 9 would outrank the positive at 5.
        float[] scores = [1, 5, 9, 2];
        bool[] labels = [false, true, false, false];
        bool[] include = [true, true, false, true];

        Assert.Equal(1.0, RocAuc.Compute(scores, labels, include), 12);
        Assert.Equal(2.0 / 3, RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Is_nan_when_a_class_is_empty()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([1f, 2f], [true, true])));
    }
}
