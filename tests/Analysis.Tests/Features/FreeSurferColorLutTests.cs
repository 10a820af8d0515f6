using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class FreeSurferColorLutTests
{
    private static string Bert(string file) => TestData.File("freesurfer", "bert", "stats", file);

    [Theory]
    [InlineData("aseg.stats")]
    [InlineData("wmparc.stats")]
    public void Standard_names_agree_with_every_segid_in_berts_stats(string file)
    {
        foreach (var row in SegmentationStats.Read(Bert(file)).Rows)
            Assert.Equal(row.StructName, FreeSurferColorLut.Standard.NameOf(row.SegId));
    }

    [Theory]
    [InlineData("lh.aparc.stats", 1000, "ctx-lh-")]
    [InlineData("rh.aparc.stats", 2000, "ctx-rh-")]
    public void Cortical_codes_name_every_desikan_killiany_region(string file, int offset, string prefix)
    {
        var lut = FreeSurferColorLut.Standard;
        var names = Enumerable.Range(offset, 36).Select(lut.NameOf).ToHashSet();
        foreach (var row in ParcellationStats.Read(Bert(file)).Rows)
            Assert.Contains(prefix + row.StructName, names);
    }

    [Fact]
    public void Unknown_codes_get_a_generic_name() => Assert.Equal("label-9999", FreeSurferColorLut.Standard.NameOf(9999));

    [Fact]
    public void A_lookup_table_file_is_read_with_colours_ignored()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "lut.txt");
        File.WriteAllLines(path, ["#No. Label Name: R G B A", "", "0   Unknown  0 0 0 0", "17  Left-Hippocampus 220 216 20 0"]);
        var lut = FreeSurferColorLut.Read(path);
        Assert.Equal("Left-Hippocampus", lut.NameOf(17));
        Assert.Equal(2, lut.Names.Count);
    }

    [Fact]
    public void A_malformed_lookup_line_names_file_and_line()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "lut.txt");
        File.WriteAllLines(path, ["0 Unknown", "x Left-Hippocampus"]);
        var ex = Assert.Throws<InvalidInputException>(() => FreeSurferColorLut.Read(path));
        Assert.Contains($"{path}:2", ex.Message);
    }
}
