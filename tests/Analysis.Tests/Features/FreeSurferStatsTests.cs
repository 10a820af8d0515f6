using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class FreeSurferStatsTests
{
    private static string Bert(string file) => TestData.File("freesurfer", "bert", "stats", file);

    [Fact]
    public void Aseg_stats_reads_the_measures()
    {
        var aseg = SegmentationStats.Read(Bert("aseg.stats"));
        Assert.Equal(1520021.264474, aseg.File.Measure("eTIV"));
        Assert.Equal(1218061.0, aseg.File.Measure("BrainSegVol"));
        var lhCortex = aseg.File.Measures.Single(m => m.Name == "lhCortexVol");
        Assert.Equal("lhCortex", lhCortex.Structure);
        Assert.Equal("Left hemisphere cortical gray matter volume", lhCortex.Description);
        Assert.Equal("mm^3", lhCortex.Unit);
        Assert.Equal("bert", aseg.File.Headers["subjectname"]);
    }

    [Fact]
    public void Aseg_stats_reads_the_colheaders_table()
    {
        var aseg = SegmentationStats.Read(Bert("aseg.stats"));
        Assert.Equal(["Index", "SegId", "NVoxels", "Volume_mm3", "StructName", "normMean", "normStdDev", "normMin", "normMax", "normRange"], aseg.File.Columns);
        Assert.Equal(45, aseg.Rows.Count);
        Assert.Equal(new SegmentationStatsRow(1, 4, 6943, 7316.9, "Left-Lateral-Ventricle", 36.0349, 12.2361, 14, 89, 75), aseg.Rows[0]);
        Assert.Equal(new SegmentationStatsRow(45, 255, 1245, 1145.7, "CC_Anterior", 99.7655, 13.5518, 38, 118, 80), aseg.Rows[^1]);
        Assert.Equal(4508, aseg.Find("Left-Hippocampus")!.NVoxels);
    }

    [Theory]
    [InlineData("lh.aparc.stats", "lh", 34, "bankssts", 1210, 821, 2293, 2.805)]
    [InlineData("rh.aparc.stats", "rh", 34, null, 0, 0, 0, 0)]
    [InlineData("lh.aparc.DKTatlas.stats", "lh", 31, null, 0, 0, 0, 0)]
    [InlineData("lh.aparc.a2009s.stats", "lh", 74, null, 0, 0, 0, 0)]
    [InlineData("rh.aparc.a2009s.stats", "rh", 74, null, 0, 0, 0, 0)]
    public void Cortical_parcellation_stats_read_hemisphere_and_rows(string file, string hemi, int rows, string? first, int numVert, double area, double grayVol, double thickness)
    {
        var stats = ParcellationStats.Read(Bert(file));
        Assert.Equal(hemi, stats.Hemisphere);
        Assert.Equal(rows, stats.Rows.Count);
        if (first is null) return;
        var row = stats.Rows[0];
        Assert.Equal(first, row.StructName);
        Assert.Equal(numVert, row.NumVert);
        Assert.Equal(area, row.SurfArea);
        Assert.Equal(grayVol, row.GrayVol);
        Assert.Equal(thickness, row.ThickAvg);
    }

    [Fact]
    public void Aparc_stats_carry_the_cortex_measures()
    {
        var stats = ParcellationStats.Read(Bert("lh.aparc.stats"));
        Assert.Equal(2.60273, stats.File.Measure("MeanThickness"));
        Assert.Equal(84499.5, stats.File.Measure("WhiteSurfArea"));
    }

    [Fact]
    public void Wmparc_stats_read_as_a_segmentation()
    {
        var wmparc = SegmentationStats.Read(Bert("wmparc.stats"));
        Assert.Equal(70, wmparc.Rows.Count);
        Assert.Equal(new SegmentationStatsRow(1, 3001, 2391, 2420.2, "wm-lh-bankssts", 101.8072, 4.5082, 86, 112, 26), wmparc.Rows[0]);
        Assert.Equal("Right-UnsegmentedWhiteMatter", wmparc.Rows[^1].StructName);
    }

    [Fact]
    public void Brainvol_stats_is_measures_only()
    {
        var brainvol = FreeSurferStatsFile.Read(Bert("brainvol.stats"));
        Assert.Equal(16, brainvol.Measures.Count);
        Assert.Empty(brainvol.Rows);
        Assert.Equal(487041.964762492396, brainvol.Measure("CortexVol"));
        Assert.Equal(15041.0, brainvol.Measure("VentricleChoroidVol"));
    }

    [Fact]
    public void A_short_row_is_reported_with_file_and_line()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "broken.stats");
        File.WriteAllLines(path, File.ReadLines(Bert("aseg.stats")).Select((l, i) => i == 90 ? "  1   4      6943" : l));
        var ex = Assert.Throws<InvalidInputException>(() => SegmentationStats.Read(path));
        Assert.Contains($"{path}:91", ex.Message);
    }

    [Fact]
    public void A_bad_measure_value_is_reported_with_file_and_line()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "brainvol.stats");
        File.WriteAllLines(path, ["# Measure BrainSeg, BrainSegVol, Brain Segmentation Volume, lots, mm^3"]);
        var ex = Assert.Throws<InvalidInputException>(() => FreeSurferStatsFile.Read(path));
        Assert.Contains($"{path}:1", ex.Message);
        Assert.Contains("BrainSegVol", ex.Message);
    }

    [Fact]
    public void A_file_without_measures_or_table_is_rejected()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "empty.stats");
        File.WriteAllLines(path, ["# just a comment"]);
        Assert.Throws<InvalidInputException>(() => FreeSurferStatsFile.Read(path));
    }
}
