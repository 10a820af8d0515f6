using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Fa;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class FaSubjectTests
{
    // A 4 × 3 × 2 template grid: label 1 in voxels 0..5, label 2 in 6..11, label 3 absent, the rest unlabelled.
    private static readonly int[] Atlas = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "Unclassified", [1] = "Genu of corpus callosum", [2] = "Corticospinal tract L", [3] = "Tapetum R",
    };

    private static float[] Relevance(int s) => Enumerable.Range(0, 24).Select(i => (float)((i % 5 - 2) * 0.001 + 0.0003 * s * (i % 3))).ToArray();
    private static float[] Fa(int s) => Enumerable.Range(0, 24).Select(i => (float)(0.2 + 0.03 * (i % 7) + 0.01 * s * (i % 2))).ToArray();

    [Theory]
    [InlineData("Genu of corpus callosum", "both")]
    [InlineData("Corticospinal tract L", "left")]
    [InlineData("Superior longitudinal fasciculus R", "right")]
    [InlineData("Pontine crossing tract (a part of MCP)", "both")]
    public void Hemisphere_follows_the_originals_capital_letter_rule(string name, string hemisphere) =>
        Assert.Equal(hemisphere, FaSubject.Hemisphere(name));

    [Fact]
    public void Fa_is_thresholded_strictly_above_as_math_img()
    {
        Assert.Equal([0f, 0f, 1f, 1f], FaSubject.Threshold([0.1f, 0.2f, 0.2000001f, 0.9f], 0.2));
        Assert.Throws<InvalidInputException>(() => FaSubject.Threshold([0.5f], 1.5));
    }

    [Fact]
    public void Rows_hold_each_labels_fa_and_relevance_and_NaN_for_an_empty_label()
    {
        var relevance = Relevance(1);
        var fa = Fa(1);
        var rows = FaSubject.Rows("sub-01", relevance, fa, Atlas, Names, 50, 52);
        Assert.Equal([1, 2, 3], rows.Select(r => r.LabelId));
        var genu = rows[0];
        Assert.Equal(("both", "Genu of corpus callosum", 6L), (genu.Hemisphere, genu.StructureName, genu.NVoxels));
        Assert.Equal(fa[..6].Select(v => (double)v).Sum(), genu.SumFa, 14);
        Assert.Equal(fa[..6].Min(), genu.MinFa);
        Assert.Equal(relevance[..6].Select(v => (double)v).Average(), genu.MeanRelevance, 14);
        Assert.Equal("left", rows[1].Hemisphere);
        Assert.Equal(0, rows[2].NVoxels);
        Assert.True(double.IsNaN(rows[2].MeanFa) && double.IsNaN(rows[2].SumRelevance));
    }

    [Fact]
    public void Within_subject_similarity_covers_the_labelled_white_matter()
    {
        var relevance = Relevance(2);
        var fa = Fa(2);
        var s = FaSubject.Similarity("sub-02", relevance, fa, Atlas);
        var expected = VoxelwiseCorrelation.WithinSubject(relevance, fa, Atlas.Select(a => a != 0).ToArray());
        Assert.Equal((12, expected.R, expected.P, expected.Cosine), (s.N, s.R, s.P, s.Cosine));
        Assert.Equal(PearsonCorrelation.Test(relevance[..12].Select(v => (double)v).ToArray(), fa[..12].Select(v => (double)v).ToArray()).P, s.P, 14);
    }

    [Fact]
    public void Across_subject_maps_are_zero_outside_the_white_matter_and_where_the_mean_image_is_zero()
    {
        var accumulator = new FaVoxelwise(24);
        var other = new FaVoxelwise(24);
        var relevance = new List<float[]>();
        var fa = new List<float[]>();
        for (var s = 0; s < 6; s++)
        {
            var mri = Enumerable.Range(0, 24).Select(i => i == 3 ? 0f : 100f + s).ToArray();
            (s < 4 ? accumulator : other).Add(Relevance(s), Fa(s), mri);
            relevance.Add(Relevance(s));
            fa.Add(Fa(s));
        }
        accumulator.Merge(other);
        var maps = accumulator.Maps(Atlas);
        var reference = VoxelwiseCorrelation.AcrossSubjects(relevance, fa);
        Assert.Equal(6, maps.Subjects);
        // Voxel 3 has a zero mean image and 12..23 are unlabelled; of the rest, those varying in both maps are tested.
        Assert.Equal(Enumerable.Range(0, 12).Count(v => v != 3 && !double.IsNaN(reference.R[v])), maps.TestedVoxels);
        Assert.True(maps.TestedVoxels > 0);
        for (var v = 0; v < 24; v++)
        {
            if (v >= 12 || v == 3)
            {
                Assert.Equal((0.0, 0.0, 0.0), (maps.R[v], maps.P[v], maps.Cosine[v]));
                continue;
            }
            Assert.Equal(reference.Cosine[v], maps.Cosine[v], 12);
            if (!double.IsNaN(reference.R[v])) Assert.Equal(reference.R[v], maps.R[v], 12);
        }
        Assert.Equal(102.5, maps.MeanImage[0], 12);

        var layout = new ResultsLayout(TestData.NewTempDirectory());
        using var template = new Volume([4, 3, 2], Affine.Identity);
        var files = FaVoxelwise.Write(maps, template, RelevanceSequence.Flair, layout);
        Assert.Equal(["R_pearson_FA-flair-relevance.nii", "p_pearson_FA-flair-relevance.nii", "cosine-sim_FA-flair-relevance.nii", "mean_flair.nii"],
            files.Select(Path.GetFileName));
        using var r = VolumeFile.Read(files[0]);
        Assert.Equal(maps.R.Select(v => (float)v), r.Data.ToArray());
    }
}
