namespace RelevanceRelated.Analysis.Reports;

/// <summary>Pearson correlation of a region's summed relevance with age across subjects, with p adjusted over all regions of the model.</summary>
public sealed record RegionalCorrelation(string Region, int N, double R, double T, double P, double PBonferroni, double PBenjaminiHochberg);
