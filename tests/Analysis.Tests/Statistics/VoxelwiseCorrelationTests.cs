using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class VoxelwiseCorrelationTests
{
    // The same 10 subjects × 6 voxels as reference.R; voxel 5 has no relevance at all.
    private static readonly float[][] Relevance =
    [
        [0.1f, 0.5f, -0.2f, 0.3f, 0f, 1f], [0.2f, 0.4f, -0.1f, 0.1f, 0f, 2f], [0.3f, 0.6f, -0.3f, 0.4f, 0f, 3f],
        [0.4f, 0.2f, -0.2f, 0.2f, 0f, 4f], [0.5f, 0.3f, -0.5f, 0.5f, 0f, 5f], [0.6f, 0.8f, -0.4f, 0.3f, 0f, 6f],
        [0.7f, 0.1f, -0.6f, 0.6f, 0f, 7f], [0.8f, 0.9f, -0.7f, 0.2f, 0f, 8f], [0.9f, 0.7f, -0.8f, 0.7f, 0f, 9f],
        [1.0f, 0.6f, -0.9f, 0.4f, 0f, 10f],
    ];

    private static readonly float[][] Fa =
    [
        [0.30f, 0.2f, 0.5f, 0.40f, 0.1f, 0.90f], [0.32f, 0.3f, 0.6f, 0.35f, 0.2f, 0.85f], [0.35f, 0.1f, 0.4f, 0.42f, 0.3f, 0.70f],
        [0.37f, 0.5f, 0.7f, 0.38f, 0.4f, 0.65f], [0.41f, 0.4f, 0.5f, 0.45f, 0.5f, 0.50f], [0.42f, 0.2f, 0.8f, 0.41f, 0.6f, 0.45f],
        [0.46f, 0.6f, 0.6f, 0.47f, 0.7f, 0.30f], [0.47f, 0.3f, 0.9f, 0.39f, 0.8f, 0.20f], [0.50f, 0.5f, 0.7f, 0.50f, 0.9f, 0.15f],
        [0.53f, 0.4f, 1.0f, 0.44f, 1.0f, 0.05f],
    ];

    // The maps are computed in double precision from the single-precision inputs R also rounds to.
    private const double Tolerance = 1e-10;

    [Fact]
    public void Per_voxel_r_cosine_and_bonferroni_map_match_R()
    {
        var maps = VoxelwiseCorrelation.AcrossSubjects(Relevance, Fa);
        Assert.Equal(5, maps.TestedVoxels);
        for (var v = 0; v < 6; v++)
        {
            var key = (v + 1).ToString();
            RReference.Close(RReference.Value("voxelwise", key, "r"), maps.R[v], Tolerance, $"r[{v}]");
            RReference.Close(RReference.Value("voxelwise", key, "cosine"), maps.Cosine[v], Tolerance, $"cosine[{v}]");
            RReference.Close(RReference.Value("voxelwise", key, "neglog10p"), maps.NegLog10PBonferroni()[v], 1e-6, $"-log10 p[{v}]");
        }
    }

    [Fact]
    public void Voxels_outside_the_mask_are_not_tested()
    {
        var maps = VoxelwiseCorrelation.AcrossSubjects(Relevance, Fa, [true, false, true, true, true, true]);
        Assert.Equal(4, maps.TestedVoxels);
        Assert.True(double.IsNaN(maps.R[1]));
    }

    [Fact]
    public void Within_subject_r_and_cosine_over_a_mask_match_R()
    {
        bool[] mask = [true, false, true, true, true, true];
        var similarity = VoxelwiseCorrelation.WithinSubject(Relevance[2], Fa[2], mask);
        Assert.Equal(5, similarity.N);
        RReference.Close(RReference.Value("within_subject", "subject3", "r"), similarity.R, what: "r");
        RReference.Close(RReference.Value("within_subject", "subject3", "cosine"), similarity.Cosine, what: "cosine");
    }

    [Fact]
    public void Bonferroni_map_is_zero_when_nothing_survives() =>
        Assert.Equal(0, VoxelwiseCorrelation.BonferroniNegLog10(0.2, 10));
}
