namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>
/// One structure of a volume segmentation's stats (aseg.stats, wmparc.stats): the table's columns, with the
/// intensity columns (normMean ... normRange) NaN when the file has none.
/// </summary>
public sealed record SegmentationStatsRow(int Index, int SegId, int NVoxels, double VolumeMm3, string StructName, double NormMean,
    double NormStdDev = double.NaN, double NormMin = double.NaN, double NormMax = double.NaN, double NormRange = double.NaN);

/// <summary>mri_segstats output: aseg.stats or wmparc.stats (measures plus the Index/SegId/NVoxels/Volume_mm3/StructName table).</summary>
public sealed class SegmentationStats
{
    public FreeSurferStatsFile File { get; }
    public IReadOnlyList<SegmentationStatsRow> Rows { get; }

    private SegmentationStats(FreeSurferStatsFile file, IReadOnlyList<SegmentationStatsRow> rows)
    {
        File = file;
        Rows = rows;
    }

    public static SegmentationStats Read(string path)
    {
        var file = FreeSurferStatsFile.Read(path);
        var hasNorm = file.Columns.Contains("normMean");
        double Norm(int r, string column) => hasNorm ? file.Number(r, column) : double.NaN;
        var rows = new List<SegmentationStatsRow>(file.Rows.Count);
        for (var r = 0; r < file.Rows.Count; r++)
            rows.Add(new SegmentationStatsRow(
                file.Integer(r, "Index"), file.Integer(r, "SegId"), file.Integer(r, "NVoxels"), file.Number(r, "Volume_mm3"),
                file.Text(r, "StructName"), Norm(r, "normMean"), Norm(r, "normStdDev"), Norm(r, "normMin"), Norm(r, "normMax"), Norm(r, "normRange")));
        return new SegmentationStats(file, rows);
    }

    /// <summary>The row of a structure by name (e.g. Left-Hippocampus), or null.</summary>
    public SegmentationStatsRow? Find(string structName) => Rows.FirstOrDefault(r => r.StructName == structName);

    /// <summary>
    /// The row of a structure under its own name or a name another FreeSurfer version gives it (FreeSurfer 7's
    /// Left-Thalamus is FreeSurfer 6's Left-Thalamus-Proper), or null.
    /// </summary>
    public SegmentationStatsRow? FindAnyVersion(string structName) =>
        StructureNames.Versions(structName).Select(Find).FirstOrDefault(r => r is not null);
}
