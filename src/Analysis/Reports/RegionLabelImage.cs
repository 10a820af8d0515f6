using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// A label volume that region maps are drawn on (FreeSurfer aparc+aseg codes), with where it came from (a subject's
/// FreeSurfer directory, or the simulated template) for the caption. The report does not dispose it.
/// </summary>
public sealed record RegionLabelImage(Volume Labels, string Source);
