using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Simulation;

/// <summary>The stats files use FreeSurfer's exact layout: the rows of bert's own files re-format byte for byte.</summary>
public sealed class FreeSurferStatsWriterTests
{
    private static readonly Lazy<SimulatedSubject> Subject = new(() =>
        SubjectSimulator.Simulate(new SubjectSpec("sub-007", 70, Sex.Male, 3, 6), SimulationGrid.TwoMillimetre));

    [Fact]
    public void Aseg_rows_reproduce_bert_aseg_stats_byte_for_byte()
    {
        var rows = File.ReadLines(TestData.File("freesurfer", "bert", "stats", "aseg.stats")).Where(l => !l.StartsWith('#')).ToList();

        Assert.Equal(45, rows.Count);
        foreach (var line in rows)
        {
            var c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var formatted = FreeSurferStatsWriter.AsegRow(int.Parse(c[0]), int.Parse(c[1]), int.Parse(c[2]), double.Parse(c[3]), c[4],
                double.Parse(c[5]), double.Parse(c[6]), double.Parse(c[7]), double.Parse(c[8]), double.Parse(c[9]));
            Assert.Equal(line, formatted);
        }
    }

    [Fact]
    public void Aparc_rows_reproduce_bert_lh_aparc_stats_byte_for_byte()
    {
        var rows = File.ReadLines(TestData.File("freesurfer", "bert", "stats", "lh.aparc.stats")).Where(l => !l.StartsWith('#')).ToList();

        Assert.Equal(34, rows.Count);
        foreach (var line in rows)
        {
            var c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var formatted = FreeSurferStatsWriter.AparcRow(c[0], int.Parse(c[1]), int.Parse(c[2]), int.Parse(c[3]), double.Parse(c[4]),
                double.Parse(c[5]), double.Parse(c[6]), double.Parse(c[7]), int.Parse(c[8]), double.Parse(c[9]));
            Assert.Equal(line, formatted);
        }
    }

    [Fact]
    public void Aseg_stats_has_bert_s_column_headers_and_row_names_in_order()
    {
        var bert = File.ReadAllLines(TestData.File("freesurfer", "bert", "stats", "aseg.stats"));
        var ours = FreeSurferStatsWriter.Aseg(Subject.Value, "sub-007").Split('\n');

        Assert.Equal(bert.Single(l => l.StartsWith("# ColHeaders")), ours.Single(l => l.StartsWith("# ColHeaders")));
        Assert.Equal(Names(bert), Names(ours));
        Assert.Equal(MeasureNames(bert).Where(n => !n.Contains("SurfaceHoles")), MeasureNames(ours));
    }

    [Fact]
    public void Aparc_stats_has_bert_s_column_headers_parcels_and_measures()
    {
        var bert = File.ReadAllLines(TestData.File("freesurfer", "bert", "stats", "lh.aparc.stats"));
        var ours = FreeSurferStatsWriter.Aparc(Subject.Value, "sub-007", 0).Split('\n');

        Assert.Equal(bert.Single(l => l.StartsWith("# ColHeaders")), ours.Single(l => l.StartsWith("# ColHeaders")));
        Assert.Equal(bert.Where(l => l.StartsWith("# TableCol")), ours.Where(l => l.StartsWith("# TableCol")));
        Assert.Equal(RowNames(bert), RowNames(ours));
        Assert.Equal(MeasureNames(bert), MeasureNames(ours));
        Assert.Contains("# hemi lh", ours);
    }

    [Fact]
    public void Aparc_mean_thickness_is_the_area_weighted_parcel_thickness()
    {
        var s = Subject.Value;
        var text = FreeSurferStatsWriter.Aparc(s, "sub-007", 1).Split('\n');
        var measure = text.Single(l => l.Contains("MeanThickness"));
        var value = double.Parse(measure.Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture);
        var parcels = s.Parcels[1];
        var expected = parcels.Sum(p => p.ThicknessMean * p.SurfaceArea) / parcels.Sum(p => p.SurfaceArea);

        Assert.Equal(expected, value, tolerance: 1e-5); // written with six significant digits, as FreeSurfer does
    }

    private static IEnumerable<string> Names(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4]);

    private static IEnumerable<string> RowNames(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    private static IEnumerable<string> MeasureNames(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("# Measure ")).Select(l => string.Join(",", l.Split(',').Take(2)));
}
