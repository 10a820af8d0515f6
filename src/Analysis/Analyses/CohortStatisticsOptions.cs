using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>The parameters of the cohort statistics: <c>[params].alpha</c>, <c>[params.subcortical].rois</c>, <c>[params.wml].min_voxels</c>.</summary>
public sealed record CohortStatisticsOptions(double Alpha, IReadOnlyList<string> SubcorticalRois, int WmlMinVoxels)
{
    public static CohortStatisticsOptions FromConfig(ParamsConfig parameters) =>
        new(parameters.Alpha, parameters.SubcorticalRois, parameters.Wml.MinVoxels);
}
