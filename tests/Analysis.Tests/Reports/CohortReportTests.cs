using System.Text.RegularExpressions;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Reports.Figures;
using RelevanceRelated.Analysis.Reports.Page;
using RelevanceRelated.Analysis.Reports.Viewer;
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
    public void Writing_the_report_produces_every_table_and_figure_and_the_page_embeds_the_figures_and_links_the_heatmaps()
    {
        var directory = TestData.NewTempDirectory("rr-report");

        var files = CohortReport.Write(ReportFixture.Input(), directory);

        string[] expected =
        [
            "tables/statistics.csv", "tables/regional_correlations.csv", "tables/cohort_features.csv",
            AgeFigure.File, "figures/m_dba.png", "figures/m_relevance_in_masks.png", "figures/m-relevance-age_lollipop.png", "report.html", "viewer.html",
        ];
        Assert.Equal(expected.Order(), files.Order());
        foreach (var png in expected.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(directory, png))[..4]);
        var html = File.ReadAllText(Path.Combine(directory, "report.html"));
        Assert.Equal(4, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains("src=\"heatmaps/sub-01_m.webp\"", html);
        Assert.Contains("href=\"tables/cohort_features.csv\"", html);
        Assert.Contains("href=\"viewer.html#sub-01\"", html);
        Assert.DoesNotContain("<script src=", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_header_says_what_produced_the_results_and_lists_the_failed_subject()
    {
        var directory = TestData.NewTempDirectory("rr-report");
        var input = ReportFixture.Input();

        CohortReport.Write(input, directory);

        var html = File.ReadAllText(Path.Combine(directory, "report.html"));
        var header = html[html.IndexOf("<header>", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];
        Assert.Contains("7 submitted, 6 analysed, 1 failed", header);
        Assert.Contains("2026-12-07 12:00 UTC", header);
        Assert.Contains("RelevanceRelated 1.2.3+abc", header);
        Assert.Contains($"version 3, fingerprint {input.Configuration.Fingerprint}", header);
        Assert.Contains("lrp.sequential_preset_a", header);
        Assert.Contains("model m", header);
        Assert.Contains("sub-99</a>: pvs failed: sub-99 T1: no brain voxels above the threshold", header);
    }

    [Fact]
    public void The_subject_table_has_one_sortable_row_per_submitted_subject_and_every_column_is_explained()
    {
        var input = ReportFixture.Input();

        var table = SubjectTable.Render(input);

        Assert.Equal(7, Regex.Matches(table, "<tr (class=\"failed\" )?id=\"subject-").Count);
        Assert.Contains("<tr class=\"failed\" id=\"subject-sub-99\">", table);
        Assert.Contains("data-value=\"49.5\">49.5</td>", table);
        Assert.Contains("data-value=\"4.5\">+4.5</td>", table);
        var headers = Regex.Matches(table, "<th scope=\"col\">([^<]*)</th>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var explained = ColumnGlossary.Tables(input)[0].Columns.Select(c => c.Column).ToList();
        Assert.Equal(headers, explained);
        Assert.All(ColumnGlossary.Tables(input).SelectMany(t => t.Columns), c => Assert.True(c.Meaning.Length > 20, c.Column));
        // The CSV headers the export writes are all explained (families by their pattern).
        var statistics = CohortStatistics.SummaryTable(input.Summaries).Header;
        var glossary = string.Join(",", ColumnGlossary.Tables(input)[1].Columns.Select(c => c.Column)).Split(',').Select(c => c.Trim());
        Assert.Equal(statistics.Order(), glossary.Order());
    }

    [Fact]
    public void The_methods_name_the_models_recipe_the_rule_with_its_parameters_the_thresholds_and_cite_the_works()
    {
        var input = ReportFixture.Input(rule: "lrp.epsilon");

        var (paragraphs, references) = MethodsText.Write(input);

        var text = string.Join("\n", paragraphs);
        Assert.Contains("sub-ensemble m", text);
        Assert.Contains(input.Configuration.Models[0].Files.Count + " convolutional base model", text);
        Assert.Contains("iNNvestigate's analyzer lrp.epsilon", text);
        Assert.Matches(@"the ε rule \(ε = [0-9.eE-]+\)", text);
        Assert.Contains($"thresholded at {input.Configuration.Params.Pvs.ThresholdComparison} ", text);
        Assert.Contains("α = 0.05", text);
        Assert.Contains(references, r => r.Text.StartsWith("Bach S", StringComparison.Ordinal));
        Assert.Contains(references, r => r.Text.Contains("iNNvestigate", StringComparison.Ordinal));
        Assert.Contains(references, r => r.Text.Contains("NeuroImage 261", StringComparison.Ordinal));
        // Every cited number has its reference, in order of first citation.
        var cited = Regex.Matches(text, @"\[([1-9]\d*(, [1-9]\d*)*)\]").SelectMany(m => m.Groups[1].Value.Split(", ").Select(int.Parse)).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, references.Count), cited.Order());
        Assert.Equal(Enumerable.Range(1, references.Count), cited);
    }

    [Fact]
    public void Reports_before_and_after_a_reanalysis_with_another_rule_differ_in_rule_and_fingerprint()
    {
        var config = ReportFixture.Config();
        var before = ReportFixture.Input(rule: "lrp.sequential_preset_a", version: 1, config: config);
        var after = ReportFixture.Input(rule: "lrp.epsilon", version: 2, config: config);

        Assert.NotEqual(before.Configuration.Fingerprint, after.Configuration.Fingerprint);
        Assert.Matches("^[0-9a-f]{12}$", before.Configuration.Fingerprint);
        Assert.Equal(before.Configuration.Fingerprint, ReportFixture.Input(rule: "lrp.sequential_preset_a", version: 1, config: config).Configuration.Fingerprint);
        Assert.Contains("lrp.sequential_preset_a", string.Join(" ", MethodsText.Write(before).Paragraphs));
        Assert.DoesNotContain("lrp.sequential_preset_a", string.Join(" ", MethodsText.Write(after).Paragraphs));
    }

    [Fact]
    public void The_key_results_state_accuracy_gap_concentration_pvs_and_regions_with_their_numbers()
    {
        var sentences = KeyFindings.Sentences(ReportFixture.Input());

        var text = string.Join("\n", sentences);
        Assert.Contains("6 of 7 subjects have brain-age predictions; 1 failed", text);
        // MAE 4.25 and r 0.934163893725498 (R, Data/reports/reference.R).
        Assert.Contains("mean absolute error of 4.3 years in 6 subjects", text);
        Assert.Contains("r = 0.93", text);
        Assert.Contains("m: the brain-age gap (predicted − chronological age) is +", text);
        Assert.Contains("relevance concentrates in Left-Putamen", text);
        Assert.Matches("m: regions whose summed relevance correlates with age: (none of the 3 tested regions survives|[0-9]+ of 3 regions survive)", text);
    }

    [Fact]
    public void Regional_sections_without_a_tested_region_say_so_instead_of_drawing_an_empty_plot()
    {
        var rows = CohortStatisticsTests.Cohort().Select(r => r with { Models = [.. r.Models.Select(m => m with { Regions = null })] }).ToList();
        var directory = TestData.NewTempDirectory("rr-report");

        var files = CohortReport.Write(ReportFixture.Input(rows: rows), directory);

        Assert.DoesNotContain(files, f => f.Contains("lollipop", StringComparison.Ordinal));
        Assert.Contains("No region could be tested", File.ReadAllText(Path.Combine(directory, "report.html")));
    }

    [Fact]
    public void The_DBA_histogram_counts_whole_subjects_in_round_bins()
    {
        double[] dba = [4.5, -2.0, 5.2, -4.9, 5.9, -3.0];

        var (start, width, counts) = DbaFigure.Histogram(dba);

        Assert.Equal(1, width);
        Assert.Equal(-5, start);
        Assert.Equal(dba.Length, counts.Sum());
        Assert.Equal([1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 2], counts);
    }

    [Fact]
    public void The_region_map_colours_each_tested_aparc_aseg_region_of_bert_by_its_r()
    {
        using var labels = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aparc+aseg.mgz"));
        var analysis = new RegionalAnalysis("t", "test", "question", "Bonferroni over 2 regions", 0.05,
        [
            new RegionalResult("Left-Hippocampus", 17, 6, 0.8, 0.01, 0.02, true),
            new RegionalResult("Right-Putamen", 51, 6, -0.4, 0.4, 0.8, false),
        ]);

        var figure = RegionMapFigure.Create(analysis, new RegionLabelImage(labels, "bert"));

        Assert.NotNull(figure);
        using var bitmap = SkiaSharp.SKBitmap.Decode(figure.Png);
        var colours = new HashSet<SkiaSharp.SKColor>();
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
            colours.Add(bitmap.GetPixel(x, y));
        // r = 0.8 is the limit: full muted blue; r = −0.4 is half way from white to muted red.
        Assert.Contains(new SkiaSharp.SKColor(0x3A, 0x3A, 0x98), colours);
        Assert.Contains(new SkiaSharp.SKColor(0xC1, 0x92, 0x92), colours);
        Assert.Contains(new SkiaSharp.SKColor(0xD9, 0xD9, 0xD9), colours);
    }

    [Fact]
    public void The_viewer_page_inlines_niivue_and_lists_an_entry_per_subject_with_volumes()
    {
        var directory = TestData.NewTempDirectory("rr-report");
        var input = ReportFixture.Input();

        ReportViewer.WritePage(input, directory);

        var html = File.ReadAllText(Path.Combine(directory, ReportViewer.PageName));
        Assert.Contains("NVImage", html);
        Assert.DoesNotContain("<script src=", html);
        Assert.Equal(6, Regex.Matches(html, "\"script\":\"viewer/sub-").Count);
        Assert.DoesNotContain("viewer/sub-99.js", html);
    }

    [Fact]
    public void A_viewer_entry_needs_the_anatomy_first()
    {
        var directory = TestData.NewTempDirectory("rr-report");

        var error = Assert.Throws<ArgumentException>(() => ReportViewer.WriteEntry(directory, "sub-01", "sub-01", "legend",
            [new ViewerVolume("a.nii.gz", "relevance", ViewerVolumeKind.Relevance, [1, 2, 3], 1)]));

        Assert.Contains("first volume must be the anatomy", error.Message);
        Assert.Empty(Directory.GetFiles(directory, "*", SearchOption.AllDirectories));
    }
}
