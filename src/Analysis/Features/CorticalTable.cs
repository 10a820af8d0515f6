using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Features;

/// <summary>One cortical region of one subject: its relevance and its FreeSurfer surface statistics.</summary>
public sealed record CorticalRow(
    string Subject, string Hemisphere, string StructureName, long NVoxels, double SumRelevance, double MeanRelevance,
    double MinRelevance, double MaxRelevance, double AverageThicknessMm, double GrayMatterVolumeMm3, double SurfaceAreaMm2,
    double Age, double BrainAge);

/// <summary>
/// The original's cortical table (merged_cs_dktbase.csv): per subject, hemisphere ("left"/"right") and Desikan-Killiany
/// region, the relevance over the ctx-?h-* label of aparc+aseg joined with ?h.aparc.stats (thickness, grey-matter
/// volume, surface area; column names as the freesurfer-stats package the original used). The same join serves the
/// DKT atlas (aparc.DKTatlas+aseg with ?h.aparc.DKTatlas.stats → merged_cs_dkt.csv).
/// </summary>
public static class CorticalTable
{
    public const string FileName = "merged_cs_dktbase.csv";

    public static readonly IReadOnlyList<string> ColumnNames =
    [
        "subject", "hemisphere", "structure_name", "sum_relevance", "mean_relevance", "min_relevance", "max_relevance", "n_voxels",
        "average_thickness_mm", "gray_matter_volume_mm^3", "surface_area_mm^2", "age", "brain_age",
    ];

    /// <summary>One row per region listed in the stats files; a region without voxels in the label volume has n_voxels 0 and no relevance.</summary>
    public static IReadOnlyList<CorticalRow> Build(string subject, IReadOnlyList<RegionRelevance> regions, ParcellationStats lh, ParcellationStats rh,
        double age = double.NaN, double brainAge = double.NaN)
    {
        if (lh.Hemisphere != "lh") throw new InvalidInputException($"{lh.File.Path}: expected the left hemisphere's stats, found '{lh.Hemisphere}'.");
        if (rh.Hemisphere != "rh") throw new InvalidInputException($"{rh.File.Path}: expected the right hemisphere's stats, found '{rh.Hemisphere}'.");
        var byName = regions.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var rows = new List<CorticalRow>(lh.Rows.Count + rh.Rows.Count);
        foreach (var (stats, hemisphere) in new[] { (lh, "left"), (rh, "right") })
        foreach (var s in stats.Rows)
        {
            var found = byName.TryGetValue($"ctx-{stats.Hemisphere}-{s.StructName}", out var r);
            rows.Add(new CorticalRow(subject, hemisphere, s.StructName,
                found ? r!.NVoxels : 0, found ? r!.SumRelevance : double.NaN, found ? r!.MeanRelevance : double.NaN,
                found ? r!.MinRelevance : double.NaN, found ? r!.MaxRelevance : double.NaN,
                s.ThickAvg, s.GrayVol, s.SurfArea, age, brainAge));
        }
        return rows;
    }

    public static IEnumerable<IReadOnlyList<string>> Cells(IEnumerable<CorticalRow> rows) =>
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Subject, r.Hemisphere, r.StructureName, CsvTableWriter.Format(r.SumRelevance), CsvTableWriter.Format(r.MeanRelevance),
            CsvTableWriter.Format(r.MinRelevance), CsvTableWriter.Format(r.MaxRelevance), r.NVoxels.ToString(),
            CsvTableWriter.Format(r.AverageThicknessMm), CsvTableWriter.Format(r.GrayMatterVolumeMm3), CsvTableWriter.Format(r.SurfaceAreaMm2),
            CsvTableWriter.Format(r.Age), CsvTableWriter.Format(r.BrainAge),
        ]);
}
