using System.Globalization;
using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// The subjects × features table of a cohort (<c>cohort_features.csv</c>): participant_id, age, sex; the PVS census and
/// lesion load; then per model (in name order) the base-model and ensemble predictions, DBA, the map's relevance sum,
/// the PVS and lesion mask metrics with the original column names, and the summed relevance per region
/// (<c>region.MODEL.NAME</c>). Empty cells where a subject has no value.
/// </summary>
public static class CohortFeatureTable
{
    public const string Name = "cohort_features";

    public static ReportTable Build(IReadOnlyList<SubjectFeatureRow> rows)
    {
        var columns = new List<(string Header, Func<SubjectFeatureRow, double?> Value)>
        {
            ("pvs.clusters", r => r.Pvs?.ClusterCount),
            ("pvs.total_volume_mm3", r => r.Pvs?.TotalVolumeMm3),
            ("pvs.mean_volume_mm3", r => r.Pvs?.MeanVolumeMm3),
            ("pvs.median_volume_mm3", r => r.Pvs?.MedianVolumeMm3),
            ("pvs.max_volume_mm3", r => r.Pvs?.MaxVolumeMm3),
            ("wml.lesion_voxels", r => r.Lesions?.LesionVoxels),
        };
        foreach (var model in CohortStatistics.Models(rows))
        {
            var baseModels = rows.Max(r => r.Model(model)?.Prediction.BaseModels.Count ?? 0);
            for (var i = 0; i < baseModels; i++)
            {
                var index = i;
                columns.Add(($"{model}.base.{i.ToString(CultureInfo.InvariantCulture)}",
                    r => r.Model(model) is { } m && index < m.Prediction.BaseModels.Count ? m.Prediction.BaseModels[index] : null));
            }
            columns.Add(($"{model}.prediction", r => r.Model(model)?.Prediction.Ensemble));
            columns.Add(($"{model}.dba", r => r.Model(model)?.Prediction.Dba));
            columns.Add(($"{model}.relevance_sum", r => r.Model(model)?.RelevanceSum));
            foreach (var feature in MaskFeatures.All)
            {
                var names = MaskMetrics.ColumnNames(feature);
                for (var i = 0; i < names.Count; i++)
                {
                    var index = i;
                    columns.Add(($"{model}.{feature.Name()}.{names[i]}",
                        r => (feature == MaskFeature.Pvs ? r.Model(model)?.Pvs : r.Model(model)?.Wml)?.Values()[index]));
                }
            }
            var regions = rows.Select(r => r.Model(model)?.Regions).OfType<RegionSums>()
                .SelectMany(s => s.Labels.Select(label => (s.Atlas, Label: label))).Distinct()
                .OrderBy(p => RegionSums.NameOf(p.Atlas, p.Label), StringComparer.Ordinal).ToList();
            foreach (var (atlas, label) in regions)
                columns.Add(($"region.{model}.{RegionSums.NameOf(atlas, label)}", r => Sum(r.Model(model)?.Regions, atlas, label)));
        }
        IReadOnlyList<string> header = ["participant_id", "age", "sex", .. columns.Select(c => c.Header)];
        var cells = rows.Select(r => (IReadOnlyList<string>)
        [
            r.SubjectId, r.Age is { } age ? ReportTable.Number(age) : "", r.Sex ?? "",
            .. columns.Select(c => c.Value(r) is { } v ? ReportTable.Number(v) : ""),
        ]).ToList();
        return new ReportTable(Name, header, cells);
    }

    private static double? Sum(RegionSums? sums, string atlas, int label)
    {
        if (sums is null || sums.Atlas != atlas) return null;
        var i = sums.Labels.IndexOf(label);
        return i < 0 ? null : sums.Sums[i];
    }
}
