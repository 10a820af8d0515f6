namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// A cohort-level map the export computed (mean relevance, voxel-wise r or −log10 p of relevance against age): its
/// heatmap and NIfTI file relative to the report, with a title and a caption saying how it was made, and its entry in
/// the viewer (null when the viewer does not show it).
/// </summary>
public sealed record CohortMap(string Model, string Title, string Caption, string Heatmap, string Map, string? ViewerId = null);
