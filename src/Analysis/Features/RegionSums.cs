using System.Collections.Immutable;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// One subject's summed relevance per label of a label volume, in label order: the compact column pair a cohort keeps
/// per subject (100 regions cost 1.2 kB, not a dictionary of names per subject). Names come from the atlas's table.
/// </summary>
public sealed record RegionSums(string Atlas, ImmutableArray<int> Labels, ImmutableArray<double> Sums)
{
    /// <summary>FreeSurfer's aparc+aseg, the label volume the features stage uses today.</summary>
    public const string AparcAseg = "aparc+aseg";

    /// <summary>The region's name in its atlas (FreeSurfer's colour table for FreeSurfer segmentations).</summary>
    public static string NameOf(string atlas, int label) => FreeSurferColorLut.Standard.NameOf(label);
}
