using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class CorticalSubjectTests(BertLabelRelevanceFixture bert) : IClassFixture<BertLabelRelevanceFixture>
{
    private static ParcellationStats Stats(string file) => ParcellationStats.Read(TestData.File("freesurfer", "bert", "stats", file));

    [Fact]
    public void Desikan_killiany_rows_join_each_stats_region_with_its_own_aparc_aseg_code()
    {
        var rows = CorticalSubject.Rows("bert", CorticalAtlas.DesikanKilliany, bert.AparcAseg, Stats("lh.aparc.stats"), Stats("rh.aparc.stats"), 45, 47.5);
        Assert.Equal(68, rows.Count);
        var bankssts = rows[0];
        Assert.Equal(("left", "bankssts", 1001, "lh.aparc.stats"), (bankssts.Hemisphere, bankssts.StructureName, bankssts.LabelId, bankssts.SourceBasename));
        // lh.aparc.stats: bankssts 1487 vertices, 821 mm², 2293 mm³, thickness 2.805 ± 0.480 ...
        Assert.Equal((821.0, 2293.0, 2.805), (bankssts.SurfaceAreaMm2, bankssts.GrayMatterVolumeMm3, bankssts.AverageThicknessMm));
        Assert.Equal(("right", "insula", 2035), (rows[^1].Hemisphere, rows[^1].StructureName, rows[^1].LabelId));
        Assert.All(rows, r =>
        {
            Assert.Equal(r.LabelId, r.MeanRelevance);
            Assert.Equal(r.LabelId, r.MinRelevance);
            Assert.Equal(r.LabelId, r.MaxRelevance);
            Assert.Equal(0, r.SumRelevance % r.LabelId);
            Assert.Equal((45.0, 47.5, "bert"), (r.Age, r.BrainAge, r.Subject));
        });
    }

    [Fact]
    public void Dkt_rows_from_freesurfer_7s_DKTatlas_stats_use_the_desikan_killiany_codes_of_aparc_aseg_as_the_original()
    {
        var left = Stats("lh.aparc.DKTatlas.stats");
        var rows = CorticalSubject.Rows("bert", CorticalAtlas.Dkt40, bert.AparcAseg, left, Stats("rh.aparc.DKTatlas.stats"));
        Assert.Equal(2 * left.Rows.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.LabelId, r.MeanRelevance));
        Assert.Equal("aparc+aseg.mgz", CorticalAtlas.Dkt40.OriginalLabelVolume());
        Assert.Equal("aparc.DKTatlas+aseg.mgz", CorticalAtlas.Dkt40.OwnLabelVolume());
    }

    [Fact]
    public void Destrieux_regions_get_the_11100_and_12100_codes()
    {
        var left = Stats("lh.aparc.a2009s.stats");
        var right = Stats("rh.aparc.a2009s.stats");
        // aparc+aseg has no Destrieux codes: every region is found in the lookup table and has no voxels (NaN relevance).
        var rows = CorticalSubject.Rows("bert", CorticalAtlas.Destrieux, bert.AparcAseg, left, right);
        Assert.Equal(left.Rows.Count + right.Rows.Count, rows.Count);
        Assert.Equal(("G_and_S_frontomargin", 11101), (rows[0].StructureName, rows[0].LabelId));
        Assert.Equal(("S_temporal_transverse", 12175), (rows[^1].StructureName, rows[^1].LabelId));
        Assert.All(rows, r => Assert.True(double.IsNaN(r.SumRelevance)));
        var withVoxels = CorticalSubject.Rows("bert", CorticalAtlas.Destrieux, [new RegionRelevance(11101, "ctx_lh_G_and_S_frontomargin", 4, 2, 0.5, 0, 1)], left, right);
        Assert.Equal((2.0, 0.5), (withVoxels[0].SumRelevance, withVoxels[0].MeanRelevance));
    }

    [Fact]
    public void Another_atlas_stats_file_is_bad_input_naming_file_and_region()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            CorticalSubject.Rows("bert", CorticalAtlas.Destrieux, bert.AparcAseg, Stats("lh.aparc.stats"), Stats("rh.aparc.stats")));
        Assert.Contains("lh.aparc.stats", ex.Message);
        Assert.Contains("bankssts", ex.Message);
        Assert.Throws<InvalidInputException>(() =>
            CorticalSubject.Rows("bert", CorticalAtlas.DesikanKilliany, bert.AparcAseg, Stats("rh.aparc.stats"), Stats("rh.aparc.stats")));
    }

    [Fact]
    public void Stats_files_are_found_under_either_dkt_name()
    {
        var subject = Path.Combine(TestData.SharedData, "freesurfer", "bert");
        Assert.EndsWith("lh.aparc.DKTatlas.stats", CorticalAtlas.Dkt40.StatsFile(subject, "lh"));
        Assert.EndsWith("rh.aparc.a2009s.stats", CorticalAtlas.Destrieux.StatsFile(subject, "rh"));
        var ex = Assert.Throws<InvalidInputException>(() => CorticalAtlas.Dkt40.StatsFile(TestData.NewTempDirectory(), "lh"));
        Assert.Contains("aparc.DKTatlas40", ex.Message);
    }
}
