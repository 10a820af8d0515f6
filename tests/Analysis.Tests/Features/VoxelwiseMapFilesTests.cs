using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;
using Xunit;

using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Tests.Features;

public class VoxelwiseMapFilesTests
{
    [Fact]
    public void Maps_are_written_as_nifti_on_the_subjects_grid()
    {
        var dir = TestData.NewTempDirectory();
        var affine = Affine.Scaling(2, 2, 2);
        var relevance = new List<string>();
        var fa = new List<string>();
        var inMemoryRelevance = new List<float[]>();
        var inMemoryFa = new List<float[]>();
        for (var s = 0; s < 8; s++)
        {
            // Voxel 0 rises with s, voxel 1 falls, voxel 2 alternates; the FA map is a fixed curve of s.
            float[] a = [s, 10 - 2 * s, s % 2, 0.5f * s * s, 1, 3 - s, s * 0.25f, 7];
            float[] b = [0.1f * s + 0.05f * (s % 3), 0.3f + 0.01f * s * s, 0.2f * (s % 3), 0.4f - 0.02f * s, 0.5f, 0.1f * s, 0.9f - 0.1f * s, 0.2f];
            inMemoryRelevance.Add(a);
            inMemoryFa.Add(b);
            relevance.Add(Path.Combine(dir, $"rel{s}.nii.gz"));
            fa.Add(Path.Combine(dir, $"fa{s}.nii.gz"));
            using (var v = Volume.FromData(a, [2, 2, 2], affine)) VolumeFile.Write(v, relevance[^1]);
            using (var v = Volume.FromData(b, [2, 2, 2], affine)) VolumeFile.Write(v, fa[^1]);
        }
        var paths = VoxelwiseMapFiles.AcrossSubjects(relevance, fa, null, Path.Combine(dir, "relevance_fa"));
        var expected = VoxelwiseCorrelation.AcrossSubjects(inMemoryRelevance, inMemoryFa);
        Assert.Equal(expected.TestedVoxels, paths.TestedVoxels);
        using var r = VolumeFile.Read(paths.R);
        using var p = VolumeFile.Read(paths.NegLog10PBonferroni);
        Assert.Equal((2, 2, 2), r.Shape3);
        Assert.Equal(0, r.Affine.MaxAbsDifference(affine));
        Assert.Equal(expected.R.Select(v => (float)v), r.Data.ToArray());
        Assert.Equal(expected.NegLog10PBonferroni().Select(v => (float)v), p.Data.ToArray());
    }

    [Fact]
    public void Within_subject_similarity_reads_the_mask_from_a_file()
    {
        var dir = TestData.NewTempDirectory();
        float[] a = [1, 2, 3, 4, 100, 6, 7, 8];
        float[] b = [2, 4, 6, 8, -5, 12, 14, 16];
        float[] mask = [1, 1, 1, 1, 0, 1, 1, 1];
        var paths = new[] { "a.nii.gz", "b.nii.gz", "mask.nii.gz" }.Select(n => Path.Combine(dir, n)).ToArray();
        foreach (var (data, path) in new[] { (a, paths[0]), (b, paths[1]), (mask, paths[2]) })
            using (var v = Volume.FromData(data, [2, 2, 2], Affine.Identity)) VolumeFile.Write(v, path);
        // Outside the mask sits the only voxel that breaks b = 2a: inside it r and cosine are exactly 1.
        var similarity = VoxelwiseMapFiles.WithinSubject(paths[0], paths[1], paths[2]);
        Assert.Equal(7, similarity.N);
        Assert.Equal(1, similarity.R, 14);
        Assert.Equal(1, similarity.Cosine, 14);
    }
}
