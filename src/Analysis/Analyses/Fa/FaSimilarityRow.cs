using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses.Fa;

/// <summary>One subject's voxel-wise similarity of FA and relevance inside the JHU white matter: Pearson r, its p and the cosine.</summary>
public sealed record FaSimilarityRow(string Subject, int N, double R, double P, double Cosine);

/// <summary>voxel_wise_corr_df_FA-{t1,flair}-relevance.csv with the original's columns SIC, R, p_value, cosine_sim (plus n).</summary>
public static class FaSimilarityTable
{
    public static string FileName(RelevanceSequence sequence) => $"voxel_wise_corr_df_FA-{sequence.Name()}-relevance.csv";

    public static readonly CsvLayout<FaSimilarityRow> Layout = new(
        ("SIC", r => r.Subject),
        ("R", r => CsvTableWriter.Format(r.R)),
        ("p_value", r => CsvTableWriter.Format(r.P)),
        ("cosine_sim", r => CsvTableWriter.Format(r.Cosine)),
        ("n", r => CsvTableWriter.Format(r.N)));
}
