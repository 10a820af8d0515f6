using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>A table's columns explained: the file (or page table), what a row is, and each column's meaning.</summary>
public sealed record TableGlossary(string Table, string Rows, IReadOnlyList<(string Column, string Meaning)> Columns);

/// <summary>
/// What every column of the report's tables means: the per-subject table on the page and the CSV files the export
/// writes (statistics, regional correlations, subjects, cohort features). Column families of cohort_features.csv
/// (one per model, region or mask metric) are explained once with their pattern.
/// </summary>
public static class ColumnGlossary
{
    public static IReadOnlyList<TableGlossary> Tables(CohortReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            new("per-subject table (this page)", "one submitted subject",
                [.. SubjectTable.Columns(input.Configuration.ModelNames).Select(c => (c.Header, c.Meaning))]),
            new($"tables/{CohortStatistics.SummaryName}.csv", "one model",
            [
                ("model", "The [models.NAME] sub-ensemble."),
                ("n", "Subjects with both a chronological age and a prediction."),
                ("mae", "Mean absolute error of the prediction, years."),
                ("r, r_p, r_ci_low, r_ci_high", "Pearson r of predicted and chronological age, its two-sided p and 95 % confidence interval (R's cor.test)."),
                ("dba_mean, dba_sd", "Mean and standard deviation of the brain-age gap (predicted − chronological), years."),
                ("pvs_relevance_share", "Mean over subjects of p_pvs_voxel: net relevance inside the PVS mask divided by the map's positive relevance (negative when negative relevance dominates inside PVS)."),
                ("pvs_expected_share", "Mean over subjects of p_voxel: the share PVS would hold if each PVS voxel carried the map's mean positive relevance."),
                ("pvs_ratio", "pvs_relevance_share / pvs_expected_share: above 1, PVS carry more relevance than their volume predicts."),
                ("pvs_t, pvs_df, pvs_p", "Paired t-test of p_pvs_voxel against p_voxel across subjects (R's t.test(paired = TRUE))."),
            ]),
            new($"tables/{CohortStatistics.RegionsName}.csv", "one model and aparc+aseg region",
            [
                ("model, region", "The model and the FreeSurfer region (colour-table name)."),
                ("n", "Subjects with both the region's summed relevance and an age."),
                ("r, t, p", "Pearson r of the region's summed relevance with chronological age, its t statistic and two-sided p."),
                ("p_bonferroni", "p × number of tested regions, capped at 1 (R's p.adjust(method = \"bonferroni\"))."),
                ("p_fdr_bh", "Benjamini–Hochberg adjusted p over the tested regions (R's p.adjust(method = \"BH\"))."),
            ]),
            new("tables/subjects.csv", "one submitted subject",
            [
                ("participant_id, age, sex", "As in the participants file."),
                ("ingest, pvs, brainage, relevance, features", "Each stage's status under the cohort's current configuration: done, failed, pending or running."),
                ("failed_stage, error", "The first failed stage and its error message."),
            ]),
            new($"tables/{CohortFeatureTable.Name}.csv", "one subject with a feature row",
            [
                ("participant_id, age, sex", "As in the participants file."),
                ("pvs.clusters, pvs.total_volume_mm3, pvs.mean_volume_mm3, pvs.median_volume_mm3, pvs.max_volume_mm3", "The PVS census: cluster count and cluster volumes in mm³."),
                ("wml.lesion_voxels", "Lesion voxels (probability above [params.wml].threshold)."),
                ("MODEL.base.K", "Base model K's predicted age (file order of [models.MODEL].files)."),
                ("MODEL.prediction, MODEL.dba", "The sub-ensemble's prediction and brain-age gap, years."),
                ("MODEL.relevance_sum", "Sum of the model's relevance map."),
                .. MaskColumns(MaskFeature.Pvs),
                .. MaskColumns(MaskFeature.Wml),
                ("region.MODEL.NAME", "Summed relevance of the model's map over aparc+aseg region NAME (zeros included)."),
            ]),
        ];
    }

    /// <summary>The mask metrics with the original pipeline's names and definitions (relevancerelated.py).</summary>
    private static IEnumerable<(string, string)> MaskColumns(MaskFeature feature)
    {
        var f = feature.Name();
        var mask = feature == MaskFeature.Pvs ? "PVS mask" : "lesion mask";
        yield return ($"MODEL.{f}.a_voxel, MODEL.{f}.s_voxel", "Mean and sum of the map's non-zero relevance.");
        yield return ($"MODEL.{f}.n_{f}_voxel, MODEL.{f}.a_{f}_voxel, MODEL.{f}.s_{f}_voxel", $"Voxels in the {mask}, and the mean and sum of relevance over them (zeros inside count).");
        yield return ($"MODEL.{f}.as_voxel", $"s_voxel × n_{f}_voxel, as the original's code computes it.");
        yield return ($"MODEL.{f}.s_pos_voxel, MODEL.{f}.s_neg_voxel", "Sums of the map's positive and of its negative relevance.");
        yield return ($"MODEL.{f}.p_{f}_voxel", $"s_{f}_voxel / s_pos_voxel: net relevance in the {mask} as a share of the map's positive relevance.");
        yield return ($"MODEL.{f}.p_voxel, MODEL.{f}.ap_voxel", $"ap_voxel × n_{f}_voxel / s_pos_voxel, the share expected from the mask's size; ap_voxel is the mean positive relevance.");
        yield return ($"MODEL.{f}.age, MODEL.{f}.brain_age", "The subject's age and the model's prediction, as the original tables repeat them.");
    }
}
