using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Fa;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class FaCohortTests
{
    // analysis_FA_JHU.R on synthetic merged_fa-{flair,t1}_jhu.csv (Data/analyses/fa).
    private static readonly AnalysisReference R = new("fa");

    [Theory]
    [InlineData(RelevanceSequence.Flair)]
    [InlineData(RelevanceSequence.T1)]
    public void Per_label_correlations_of_mean_fa_with_relevance_equal_the_R_script(RelevanceSequence sequence)
    {
        var rows = FaJhuTable.Read(R.Read(FaJhuTable.FileName(sequence)));
        var result = FaCohort.Run(sequence, rows, []);
        Assert.Equal(48, result.Correlations.Count);
        var seq = sequence.Name();
        foreach (var c in result.Correlations)
        {
            var id = c.Id.ToString();
            Assert.Equal(R.Text(seq, id, "name"), c.Name);
            // The script's r and p went through as.character (15 significant digits).
            R.Close(seq, id, "r", c.R, 1e-13 + AnalysisReference.Tolerance);
            R.Close(seq, id, "p", c.P);
            R.Close(seq, id, "p_bonf", c.PBonferroni);
        }
        Assert.Equal(24, result.Correlations.Single(c => c.Id == 12).N); // one subject has no voxels in label 12
    }

    [Fact]
    public void Written_files_carry_the_scripts_names()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var rows = FaJhuTable.Read(R.Read("merged_fa-flair_jhu.csv"));
        var paths = FaCohort.Write(FaCohort.Run(RelevanceSequence.Flair, rows, [new FaSimilarityRow("sub-01", 10, 0.5, 0.1, 0.7)]), layout);
        Assert.Equal(["merged_fa-flair_jhu.csv", "voxel_wise_corr_df_FA-flair-relevance.csv", "corr_JHU_FA.csv"], paths.Select(Path.GetFileName));
        Assert.Equal(R.Read("merged_fa-flair_jhu.csv").Columns, Table.Read(paths[0]).Columns);
        Assert.Equal(["SIC", "R", "p_value", "cosine_sim", "n"], Table.Read(paths[1]).Columns);
        Assert.Equal(["name", "id", "r", "p", "p_bonf", "n"], Table.Read(paths[2]).Columns);
        Assert.Equal("corr_JHU_FA_t1.csv", FaCohort.CorrelationFileName(RelevanceSequence.T1));
    }
}
