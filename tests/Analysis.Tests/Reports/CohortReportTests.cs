using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Reports;

public sealed class CohortReportTests
{
    [Fact]
    public void The_feature_table_has_a_row_per_subject_and_a_column_per_value_and_region()
    {
        var table = CohortFeatureTable.Build(CohortStatisticsTests.Cohort());

        string[] columns = ["participant_id", "age", "sex", "m.base.0", "m.prediction", "m.dba", "m.pvs.p_pvs_voxel", "m.pvs.p_voxel",
            "region.m.Left-Amygdala", "region.m.Left-Hippocampus", "region.m.Left-Putamen"];
        var at = columns.Select(c => table.Header.ToList().IndexOf(c)).ToArray();
        Assert.All(at, i => Assert.True(i >= 0));
        Assert.Equal(at.Order(), at);
        Assert.Equal(6, table.Rows.Count);
        Assert.Equal(["sub-01", "45", "F", "49.5", "49.5", "4.5", "0.031", "0.025", "0.9", "1.2", "3"], at.Select(i => table.Rows[0][i]));
        // Columns of values a subject does not have (lesion metrics here) stay empty.
        Assert.Equal("", table.Rows[0][table.Header.ToList().IndexOf("m.wml.n_wml_voxel")]);
    }

    [Fact]
    public void Writing_the_report_produces_every_table_and_figure_and_the_page_links_and_embeds_them()
    {
        var directory = TestData.NewTempDirectory("rr-report");

        var rows = CohortStatisticsTests.Cohort();
        var files = CohortReport.Write("test", rows, CohortStatistics.Summarise(rows), directory, ["heatmaps/sub-01_m.png"]);

        string[] expected =
        [
            "tables/statistics.csv", "tables/regional_correlations.csv", "tables/cohort_features.csv",
            "figures/m_predicted_vs_age.png", "figures/m_dba.png", "figures/m_pvs_relevance.png", "figures/m_regional_correlations.png", "report.html",
        ];
        Assert.Equal(expected.Order(), files.Order());
        var html = File.ReadAllText(Path.Combine(directory, "report.html"));
        foreach (var file in expected.SkipLast(1))
        {
            Assert.True(File.Exists(Path.Combine(directory, file)), file);
            Assert.Contains($"\"{file}\"", html);
        }
        foreach (var png in expected.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(directory, png))[..4]);
        Assert.Equal(4, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.Contains("src=\"heatmaps/sub-01_m.png\"", html);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_statistics_csv_holds_the_numbers_of_the_summary()
    {
        var directory = TestData.NewTempDirectory("rr-report");

        var rows = CohortStatisticsTests.Cohort();
        CohortReport.Write("test", rows, CohortStatistics.Summarise(rows), directory, []);

        var lines = File.ReadAllLines(Path.Combine(directory, "tables", "statistics.csv"));
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.Equal(4.25, double.Parse(row[Array.IndexOf(header, "mae")], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal("6", row[Array.IndexOf(header, "n")]);
        Assert.Equal(0.934163893725498, double.Parse(row[Array.IndexOf(header, "r")], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(directory, "tables", "regional_correlations.csv")).Length);
    }
}
