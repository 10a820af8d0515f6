using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests;

public class StatsVoxelwiseCommandTests
{
    [Fact]
    public void Voxelwise_writes_the_three_maps_from_a_cohort_table()
    {
        var dir = TestData.NewTempDirectory();
        var relevance = new List<float[]>();
        var fa = new List<float[]>();
        var lines = new List<string> { "subject,relevance,fa" };
        for (var s = 0; s < 6; s++)
        {
            float[] a = [s, 5 - s, s % 2, s * s, 2, s + (s % 3), 1 - s, 0.5f * s];
            float[] b = [0.1f * s, 0.2f + 0.03f * s, 0.3f * (s % 2), 0.05f * s * s, 0.4f, 0.1f * (s % 3), 0.2f, 0.9f - 0.1f * s];
            relevance.Add(a);
            fa.Add(b);
            using (var v = Volume.FromData(a, [2, 2, 2], Affine.Identity)) VolumeFile.Write(v, Path.Combine(dir, $"rel{s}.nii.gz"));
            using (var v = Volume.FromData(b, [2, 2, 2], Affine.Identity)) VolumeFile.Write(v, Path.Combine(dir, $"fa{s}.nii.gz"));
            lines.Add($"s{s},rel{s}.nii.gz,fa{s}.nii.gz");
        }
        var table = Path.Combine(dir, "cohort.csv");
        File.WriteAllLines(table, lines);
        var prefix = Path.Combine(dir, "maps", "relevance_fa");
        Directory.CreateDirectory(Path.GetDirectoryName(prefix)!);

        var result = ConsoleRunner.Run("stats", "voxelwise", "--table", table, "--relevance-column", "relevance", "--other-column", "fa", "--out", prefix);
        Assert.True(result.ExitCode == 0, result.Error);

        var expected = VoxelwiseCorrelation.AcrossSubjects(relevance, fa);
        using var r = VolumeFile.Read(prefix + "_r.nii.gz");
        using var cosine = VolumeFile.Read(prefix + "_cosine.nii.gz");
        using var p = VolumeFile.Read(prefix + "_neglog10p_bonferroni.nii.gz");
        Assert.Equal(expected.R.Select(v => (float)v), r.Data.ToArray());
        Assert.Equal(expected.Cosine.Select(v => (float)v), cosine.Data.ToArray());
        Assert.Equal(expected.NegLog10PBonferroni().Select(v => (float)v), p.Data.ToArray());
    }
}
