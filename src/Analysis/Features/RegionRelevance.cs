namespace RelevanceRelated.Analysis.Features;

/// <summary>Relevance statistics of one label of a label volume (the original's sum_relevance, mean_relevance, ...).</summary>
public sealed record RegionRelevance(int Label, string Name, long NVoxels, double SumRelevance, double MeanRelevance, double MinRelevance, double MaxRelevance)
{
    public static readonly IReadOnlyList<string> ColumnNames = ["label", "structure_name", "sum_relevance", "mean_relevance", "min_relevance", "max_relevance", "n_voxels"];
}
