namespace RelevanceRelated.Analysis.Analyses.Pvs;

/// <summary>One subject's row of one PVS table.</summary>
public sealed record PvsRow(PvsConfiguration Configuration, MaskMetricsRow Row);
