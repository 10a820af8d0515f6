using System.Text.Json;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class PvsSubjectTests
{
    // The maps of Data/analyses/pvs/pvs_subject_reference.py, built from the same integer formulas (x fastest).
    private const int Nx = 30, Ny = 28, Nz = 26, Voxels = Nx * Ny * Nz;
    private static readonly PvsParams Parameters = new(Threshold: 0.5, ClusterSize: 5, DilateBy: 1, BasalGangliaDilateMaskBy: 2);

    private static uint Hash(int i, ulong multiplier) => (uint)((ulong)i * multiplier % 4294967296UL);
    private static (int X, int Y, int Z) At(int i) => (i % Nx, i / Nx % Ny, i / (Nx * Ny));

    private static float[] Probability(ulong multiplier, int shift)
    {
        var p = new float[Voxels];
        for (var i = 0; i < Voxels; i++)
        {
            var (x, y, z) = At(i);
            var h = Hash(i, multiplier);
            var salt = h % 7 == 0 ? (float)(h % 1000) / 1000f : 0f;
            var tube = (x == 5 + shift && y == 7) || (y == 20 && z == 10 + shift && x > 3 && x < 25);
            var shortTube = x == 12 && y == 3 + shift && z > 4 && z < 8;
            p[i] = tube ? 0.9f : shortTube ? 0.75f : salt;
        }
        return p;
    }

    private static float[] Relevance(ulong multiplier)
    {
        var r = new float[Voxels];
        for (var i = 0; i < Voxels; i++)
        {
            var h = Hash(i, multiplier);
            r[i] = h % 5 == 0 ? 0f : (float)((long)(h % 2001) - 1000) / 1e6f;
        }
        return r;
    }

    private static float[] BasalGanglia()
    {
        var b = new float[Voxels];
        for (var i = 0; i < Voxels; i++)
        {
            var (x, y, z) = At(i);
            var d2 = (x - 15) * (x - 15) + (y - 14) * (y - 14) + (z - 13) * (z - 13);
            b[i] = (float)Math.Clamp(100 - d2, 0, 100) / 100f;
        }
        return b;
    }

    private static byte[] Clusters(float[] probability)
    {
        using var volume = Volume.FromData(probability, [Nx, Ny, Nz], Affine.Identity);
        return PvsSubject.Clusters(volume, Parameters);
    }

    private static PvsSubjectMaps Maps(bool withFlair = true, bool withBasalGanglia = true) => new(
        (Nx, Ny, Nz),
        new Dictionary<PvsModelInput, byte[]>
        {
            [PvsModelInput.T1] = Clusters(Probability(2654435761, 0)),
            [PvsModelInput.T1Flair] = Clusters(Probability(2246822519, 2)),
        },
        withFlair
            ? new Dictionary<RelevanceSequence, ReadOnlyMemory<float>> { [RelevanceSequence.T1] = Relevance(3266489917), [RelevanceSequence.Flair] = Relevance(668265263) }
            : new Dictionary<RelevanceSequence, ReadOnlyMemory<float>> { [RelevanceSequence.T1] = Relevance(3266489917) },
        new Dictionary<RelevanceSequence, double> { [RelevanceSequence.T1] = 61.25, [RelevanceSequence.Flair] = 66.0 },
        withBasalGanglia ? BasalGanglia() : null,
        Age: 63.5);

    private static IReadOnlyList<PvsConfiguration> Configurations() =>
        [.. PvsSweeps.Sweep(Parameters.DilateBy, Parameters.BasalGangliaDilateMaskBy), .. PvsSweeps.BorderSweep(Parameters.BasalGangliaDilateMaskBy)];

    [Fact]
    public void Every_sweep_and_border_table_row_equals_the_numpy_scipy_reference()
    {
        var path = Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data", "analyses", "pvs", "pvs_subject_expected.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(path));
        var rows = PvsSubject.Rows("sub-01", Configurations(), Maps());
        Assert.Equal(20, rows.Count);
        Assert.Equal(expected.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            rows.Select(r => r.Configuration.FileName).Order(StringComparer.Ordinal));
        var columns = MaskMetrics.ColumnNames(MaskFeature.Pvs);
        foreach (var row in rows)
        {
            var values = row.Row.Metrics.Values();
            var table = expected.RootElement.GetProperty(row.Configuration.FileName);
            for (var k = 0; k < columns.Count; k++)
            {
                var want = table.GetProperty(columns[k]).GetDouble();
                Assert.True(Math.Abs(values[k] - want) <= 1e-12 * Math.Abs(want),
                    $"{row.Configuration.FileName} {columns[k]}: expected {want:R}, got {values[k]:R}");
            }
        }
    }

    [Fact]
    public void The_sweeps_name_their_tables_as_the_original()
    {
        var sweep = PvsSweeps.Sweep(1, 5).Select(c => c.FileName).ToList();
        Assert.Equal(12, sweep.Count);
        Assert.Equal("T1-FLAIR.PVS_dilate-1_basal_ganglia-d5_t1-subens.csv", sweep[0]);
        Assert.Equal("T1-FLAIR.PVS_basal_ganglia-d5_t1-subens.csv", sweep[1]);
        Assert.Equal("T1-FLAIR.PVS_t1-subens.csv", sweep[3]);
        Assert.Equal("T1.PVS_flair-subens.csv", sweep[^1]);
        Assert.DoesNotContain(sweep, n => n.Contains("dilate") && n.Contains("flair"));
        var border = PvsSweeps.BorderSweep(5).Select(c => c.FileName).ToList();
        Assert.Equal(["T1-FLAIR.PVS_dilate-2_ob_t1-subens.csv", "T1-FLAIR.PVS_dilate-1_ob_t1-subens.csv",
            "T1-FLAIR.PVS_dilate-2_ob_basal_ganglia-d5_t1-subens.csv", "T1-FLAIR.PVS_dilate-1_ob_basal_ganglia-d5_t1-subens.csv"], border[..4]);
    }

    [Fact]
    public void Table_names_parse_back_to_their_configuration()
    {
        foreach (var configuration in Configurations())
            Assert.Equal(configuration, PvsConfiguration.FromFileName(configuration.FileName));
        Assert.Null(PvsConfiguration.FromFileName("WMlesion.csv"));
        Assert.Throws<InvalidInputException>(() => PvsConfiguration.FromFileName("T1.PVS_dilate-1_flair-subens.csv"));
    }

    [Fact]
    public void Configurations_without_their_inputs_get_no_row()
    {
        var rows = PvsSubject.Rows("sub-01", Configurations(), Maps(withFlair: false, withBasalGanglia: false));
        Assert.All(rows, r => Assert.Equal(RelevanceSequence.T1, r.Configuration.Sequence));
        Assert.All(rows, r => Assert.Null(r.Configuration.BasalGangliaDilateMaskBy));
        Assert.Equal(8, rows.Count); // per model: undilated, dilate-1, border 2 and 1
    }

    [Fact]
    public void A_dilated_flair_table_or_a_border_without_dilation_is_refused()
    {
        Assert.Throws<InvalidInputException>(() => new PvsConfiguration(PvsModelInput.T1, RelevanceSequence.Flair, dilateBy: 1));
        Assert.Throws<InvalidInputException>(() => new PvsConfiguration(PvsModelInput.T1, RelevanceSequence.T1, onlyBorder: true));
    }

    [Fact]
    public void Tables_gather_rows_per_configuration_and_refuse_a_subject_twice()
    {
        var rows = PvsSubject.Rows("sub-01", Configurations(), Maps()).Concat(PvsSubject.Rows("sub-02", Configurations(), Maps())).ToList();
        var tables = PvsCohort.Tables(rows);
        Assert.Equal(20, tables.Count);
        Assert.All(tables, t => Assert.Equal(["sub-01", "sub-02"], t.Rows.Select(r => r.Subject)));
        Assert.Throws<InvalidInputException>(() => PvsCohort.Tables(rows.Concat(rows.Take(1))));
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var path = PvsCohort.Write(tables[0], layout);
        Assert.Equal(["SIC", .. MaskMetrics.ColumnNames(MaskFeature.Pvs)], RelevanceRelated.Analysis.Statistics.Table.Read(path).Columns);
    }
}
