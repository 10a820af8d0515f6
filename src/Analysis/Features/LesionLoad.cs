namespace RelevanceRelated.Analysis.Features;

/// <summary>
/// A subject's white-matter-lesion load: the voxels of its lesion probability map above the threshold, and whether it
/// has enough of them to enter the lesion statistics: more than <c>min_voxels</c>, as pvs_stats.R's <c>n_wml_voxel &gt; 30</c>.
/// </summary>
public sealed record LesionLoad(long LesionVoxels, double Threshold, int MinVoxels)
{
    public bool Included => LesionVoxels > MinVoxels;

    /// <summary>Why the subject is left out of the lesion statistics, or null when it is included.</summary>
    public string? Exclusion => Included ? null
        : $"{LesionVoxels} lesion voxels (probability > {Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}) <= [params.wml].min_voxels = {MinVoxels}";
}
