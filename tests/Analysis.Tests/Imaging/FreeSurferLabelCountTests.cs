using System.Globalization;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class FreeSurferLabelCountTests
{
    [Fact]
    public void Bert_aseg_label_counts_equal_every_NVoxels_row_of_aseg_stats()
    {
        using var aseg = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        var counts = LabelCounts.Of(aseg.Data);

        var rows = System.IO.File.ReadAllLines(TestData.File("freesurfer", "bert", "stats", "aseg.stats"))
            .Where(l => !l.StartsWith('#') && l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (SegId: int.Parse(f[1], CultureInfo.InvariantCulture), NVoxels: long.Parse(f[2], CultureInfo.InvariantCulture), Name: f[4]))
            .ToList();

        Assert.Equal(45, rows.Count);
        foreach (var (segId, nVoxels, name) in rows)
            Assert.True(counts.GetValueOrDefault(segId) == nVoxels, $"{name} ({segId}): aseg.mgz has {counts.GetValueOrDefault(segId)} voxels, aseg.stats says {nVoxels}");
    }
}
