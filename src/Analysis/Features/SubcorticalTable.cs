using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Features;

/// <summary>One subcortical structure of one subject: its aseg.stats volume and its relevance.</summary>
public sealed record SubcorticalRow(
    string Subject, string StructureName, int SegId, double VolumeMm3, long NVoxels, double SumRelevance, double MeanRelevance,
    double MinRelevance, double MaxRelevance, double Age, double BrainAge);

/// <summary>
/// The original's subcortical table (merged_subcort_aseg.csv): the configured <c>[params.subcortical].rois</c>
/// (aseg structure names) with their volume from aseg.stats and the relevance over their aseg label.
/// </summary>
public static class SubcorticalTable
{
    public const string FileName = "merged_subcort_aseg.csv";

    public static readonly IReadOnlyList<string> ColumnNames =
    [
        "subject", "structure_name", "seg_id", "volume_mm^3", "sum_relevance", "mean_relevance", "min_relevance", "max_relevance",
        "n_voxels", "age", "brain_age",
    ];

    /// <param name="rois">Structure names as aseg.stats spells them; every structure of aseg.stats when null.</param>
    public static IReadOnlyList<SubcorticalRow> Build(string subject, IReadOnlyList<RegionRelevance> regions, SegmentationStats aseg,
        IReadOnlyList<string>? rois = null, double age = double.NaN, double brainAge = double.NaN)
    {
        var byLabel = regions.ToDictionary(r => r.Label);
        var selected = rois is null
            ? aseg.Rows
            : rois.Select(name => aseg.Find(name) ?? throw new InvalidInputException(
                $"[params.subcortical].rois: '{name}' is not a structure of {aseg.File.Path}; its structures are {string.Join(", ", aseg.Rows.Select(r => r.StructName))}.")).ToList();
        return selected.Select(s =>
        {
            var found = byLabel.TryGetValue(s.SegId, out var r);
            return new SubcorticalRow(subject, s.StructName, s.SegId, s.VolumeMm3,
                found ? r!.NVoxels : 0, found ? r!.SumRelevance : double.NaN, found ? r!.MeanRelevance : double.NaN,
                found ? r!.MinRelevance : double.NaN, found ? r!.MaxRelevance : double.NaN, age, brainAge);
        }).ToList();
    }

    public static IEnumerable<IReadOnlyList<string>> Cells(IEnumerable<SubcorticalRow> rows) =>
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Subject, r.StructureName, r.SegId.ToString(), CsvTableWriter.Format(r.VolumeMm3), CsvTableWriter.Format(r.SumRelevance),
            CsvTableWriter.Format(r.MeanRelevance), CsvTableWriter.Format(r.MinRelevance), CsvTableWriter.Format(r.MaxRelevance),
            r.NVoxels.ToString(), CsvTableWriter.Format(r.Age), CsvTableWriter.Format(r.BrainAge),
        ]);
}
