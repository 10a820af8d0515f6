using System.Collections.Immutable;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// One subject's row of a cohort: covariates, the PVS census, the lesion load, and per brain-age model what the
/// stages found (predictions, relevance in the PVS and lesion masks, relevance per region). Cohort grains keep these
/// rows; statistics, the feature table, the figures and export read them. Every field is a typed result of a stage.
/// </summary>
public sealed record SubjectFeatureRow(
    string SubjectId,
    double? Age,
    string? Sex,
    ImmutableArray<ModelFeatures> Models,
    PvsCensus? Pvs = null,
    LesionLoad? Lesions = null)
{
    /// <summary>The subject's features for <paramref name="model"/>, or null when that model did not run for it.</summary>
    public ModelFeatures? Model(string model)
    {
        foreach (var m in Models)
            if (m.Model == model) return m;
        return null;
    }
}

/// <summary>
/// What one brain-age model gave one subject: its predictions (base models, ensemble, DBA), the summed relevance of
/// its map, the relevance metrics inside the PVS mask and inside the lesion mask (null when the subject has none or
/// too few lesion voxels), and the summed relevance per region (null without a label volume).
/// </summary>
public sealed record ModelFeatures(
    string Model,
    BrainAgePrediction Prediction,
    double? RelevanceSum = null,
    MaskMetrics? Pvs = null,
    MaskMetrics? Wml = null,
    RegionSums? Regions = null);
