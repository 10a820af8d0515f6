using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Analyses.Subcortical;

/// <summary>One subject's subcortical rows and the warnings about configured ROIs its aseg.stats lacks.</summary>
public sealed record SubcorticalSubjectRows(IReadOnlyList<SubcorticalRow> Rows, IReadOnlyList<string> Warnings);

/// <summary>
/// One subject's rows of merged_subcort_aseg.csv (the original's run_subcortical_stats): every structure of aseg.stats
/// in file order, joined with the relevance over its SegId in the label volume (the original read aparc+aseg, whose
/// subcortical codes are aseg's). A configured ROI is found under its FreeSurfer 6 or 7 name and its row carries the
/// configured name, so the cohort's ROIs group across versions; an ROI missing from the stats file gets a row of NA and
/// a warning instead of stopping the subject.
/// </summary>
public static class SubcorticalSubject
{
    public static SubcorticalSubjectRows Rows(string subject, IReadOnlyList<RegionRelevance> regions, SegmentationStats aseg,
        IReadOnlyList<string> rois, double age = double.NaN, double brainAge = double.NaN)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InvalidInputException("Subcortical: a subject identifier is required.");
        var byLabel = regions.ToDictionary(r => r.Label);
        var source = Path.GetFileName(aseg.File.Path);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var missing = new List<string>();
        foreach (var roi in rois)
        {
            if (aseg.FindAnyVersion(roi) is { } found) renamed[found.StructName] = roi;
            else
            {
                missing.Add(roi);
                warnings.Add($"{aseg.File.Path}: no structure '{roi}'{(StructureNames.Versions(roi).Count > 1 ? $" (nor '{StructureNames.Versions(roi)[1]}')" : "")}; its subcortical values are NA for {subject}.");
            }
        }
        var rows = new List<SubcorticalRow>(aseg.Rows.Count + missing.Count);
        foreach (var s in aseg.Rows)
        {
            var found = byLabel.TryGetValue(s.SegId, out var r);
            rows.Add(new SubcorticalRow(s.Index, s.SegId, s.NVoxels, s.VolumeMm3, renamed.GetValueOrDefault(s.StructName, s.StructName),
                s.NormMean, s.NormStdDev, s.NormMin, s.NormMax, s.NormRange, subject, source,
                found ? r!.MeanRelevance : double.NaN, found ? r!.SumRelevance : double.NaN,
                found ? r!.MinRelevance : double.NaN, found ? r!.MaxRelevance : double.NaN, age, brainAge));
        }
        foreach (var roi in missing)
            rows.Add(new SubcorticalRow(null, null, null, double.NaN, roi, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, subject, source,
                double.NaN, double.NaN, double.NaN, double.NaN, age, brainAge));
        return new SubcorticalSubjectRows(rows, warnings);
    }
}
