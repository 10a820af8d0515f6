using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class VoxelwiseMomentsTests
{
    private static (float[] X, float[] Y)[] Subjects(int count, int voxels, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, voxels).Select(v => (float)(random.NextDouble() + 0.01 * v)).ToArray();
            var y = x.Select((a, v) => (float)(0.5 * a + random.NextDouble() * (v % 4))).ToArray();
            return (x, y);
        }).ToArray();
    }

    [Fact]
    public void Merged_partitions_give_the_maps_of_one_accumulator()
    {
        var subjects = Subjects(12, 9000, seed: 3);
        var all = new VoxelwiseMoments(9000);
        var first = new VoxelwiseMoments(9000);
        var second = new VoxelwiseMoments(9000);
        for (var s = 0; s < subjects.Length; s++)
        {
            all.Add(subjects[s].X, subjects[s].Y);
            (s < 5 ? first : second).Add(subjects[s].X, subjects[s].Y);
        }
        first.Merge(second);
        Assert.Equal(12, first.Subjects);
        for (var v = 0; v < 9000; v += 97)
        {
            Assert.Equal(all.Correlation(v), first.Correlation(v), 12);
            Assert.Equal(all.Cosine(v), first.Cosine(v), 12);
            Assert.Equal(all.MeanX(v), first.MeanX(v), 12);
        }
    }

    [Fact]
    public void Per_voxel_r_equals_the_two_pass_correlation_of_the_subjects_values()
    {
        var subjects = Subjects(7, 50, seed: 5);
        var moments = new VoxelwiseMoments(50);
        foreach (var (x, y) in subjects) moments.Add(x, y);
        for (var v = 0; v < 50; v++)
        {
            var r = PearsonCorrelation.Coefficient(subjects.Select(s => (double)s.X[v]).ToArray(), subjects.Select(s => (double)s.Y[v]).ToArray());
            Assert.Equal(r, moments.Correlation(v), 13);
        }
    }

    [Fact]
    public void Maps_of_another_size_are_bad_input()
    {
        var moments = new VoxelwiseMoments(4);
        Assert.Throws<InvalidInputException>(() => moments.Add(new float[3], new float[4]));
        Assert.Throws<InvalidInputException>(() => moments.Merge(new VoxelwiseMoments(5)));
    }
}
