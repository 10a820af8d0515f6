using System.Globalization;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests;

public class StatsAnalysesCommandTests
{
    private static readonly string Analyses = Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data", "analyses");
    private static readonly string Configs = Path.Combine(TestData.RepositoryRoot, "configs");

    /// <summary>A results folder laid out as the analyses write it, holding the R references' input tables.</summary>
    private static string ResultsFolder()
    {
        var root = TestData.NewTempDirectory("rr-analyses");
        void Copy(string analysis, string file, string folder)
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            File.Copy(Path.Combine(Analyses, analysis, file), Path.Combine(root, folder, file));
        }
        Copy("cortical", "merged_cs_dktbase.csv", "statsmaps");
        Copy("subcortical", "merged_subcort_aseg.csv", "statsmaps");
        Copy("fa", "merged_fa-flair_jhu.csv", "statsmaps");
        Copy("fa", "merged_fa-t1_jhu.csv", "statsmaps");
        Copy("pvs", "T1-FLAIR.PVS_t1-subens.csv", "PVS");
        Copy("pvs", "T1-FLAIR.PVS_flair-subens.csv", "PVS");
        Copy("pvs", "WMlesion.csv", "WML");
        Copy("check_n", "relevance_related_data_overview.csv", "check_N");
        return root;
    }

    private static double Expected(string analysis, Func<string[], bool> row)
    {
        var t = Table.Read(Path.Combine(Analyses, analysis, "expected.csv"));
        var cells = Enumerable.Range(0, t.Count).Select(i => t.Columns.Select(c => t.Text(c)[i]).ToArray()).First(row);
        return double.Parse(cells[^1], CultureInfo.InvariantCulture);
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Every_analysis_with_tables_writes_its_statistics_equal_to_the_R_scripts()
    {
        var root = ResultsFolder();
        var result = ConsoleRunner.Run("--config-dir", Configs, "stats", "analyses", "--results", root);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        foreach (var file in new[]
                 {
                     "GM/correlation_results_cortical_gmv_dktbase.csv", "GM/correlation_results_cortical_ct_dktbase.csv",
                     "GM/correlation_results_cortical_wholebrain_dktbase.csv", "GM/corr_subcort_vol-relevance.csv", "FA/corr_JHU_FA.csv",
                     "FA/corr_JHU_FA_t1.csv", "PVS/T1-FLAIR.PVS_t1_PVS-AGE-DBA.csv", "PVS/T1-FLAIR.PVS_flair_PVS-AGE-DBA.csv",
                     "PVS/pvs_stats_long.csv", "PVS/pvs_stats_summarySE.csv", "check_N/check_N.csv",
                 })
            Assert.True(File.Exists(Path.Combine(root, file)), file);

        var gmv = Table.Read(Path.Combine(root, "GM", "correlation_results_cortical_gmv_dktbase.csv"));
        Close(Expected("cortical", c => c[0] == "gmv" && c[1] == "lh_cuneus" && c[2] == "r"), gmv.Numeric("r")[Array.IndexOf(gmv.Text("label"), "lh_cuneus")]);
        var subcortical = Table.Read(Path.Combine(root, "GM", "corr_subcort_vol-relevance.csv"));
        Close(Expected("subcortical", c => c[0] == subcortical.Text("label_name")[0] && c[1] == "r"), subcortical.Numeric("r")[0]);
        var fa = Table.Read(Path.Combine(root, "FA", "corr_JHU_FA.csv"));
        Close(Expected("fa", c => c[0] == "flair" && c[1] == "3" && c[2] == "p"), fa.Numeric("p")[2]);
        var summary = Table.Read(Path.Combine(root, "PVS", "pvs_stats_summarySE.csv"));
        Close(Expected("pvs", c => c[0] == "summarySE" && c[1] == "WML/WMH" && c[2] == "ci"), summary.Numeric("ci")[^1]);
        var checkN = Table.Read(Path.Combine(root, "check_N", "check_N.csv"));
        var chisq = Array.IndexOf(checkN.Text("model"), "chisq.test(table(sex, missing_flair_relevance_map))");
        Close(Expected("check_n", c => c[0] == "chisq.test(table(sex, missing_flair_relevance_map))" && c[2] == "p"), checkN.Numeric("p")[chisq]);
        // The inputs are read, not rewritten.
        Assert.Equal(File.ReadAllText(Path.Combine(Analyses, "cortical", "merged_cs_dktbase.csv")), File.ReadAllText(Path.Combine(root, "statsmaps", "merged_cs_dktbase.csv")));
    }

    [Fact]
    public void A_folder_without_tables_is_bad_input()
    {
        var result = ConsoleRunner.Run("--config-dir", Configs, "stats", "analyses", "--results", TestData.NewTempDirectory());
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("No merged tables", result.Output);
    }

    [Fact]
    public void Help_names_the_results_option()
    {
        var result = ConsoleRunner.Run("stats", "analyses", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--results", result.Output);
    }
}
