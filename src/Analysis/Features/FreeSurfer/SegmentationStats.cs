namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>One structure of a volume segmentation's stats (aseg.stats, wmparc.stats).</summary>
public sealed record SegmentationStatsRow(int Index, int SegId, int NVoxels, double VolumeMm3, string StructName, double NormMean);

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
        var rows = new List<SegmentationStatsRow>(file.Rows.Count);
        for (var r = 0; r < file.Rows.Count; r++)
            rows.Add(new SegmentationStatsRow(
                file.Integer(r, "Index"), file.Integer(r, "SegId"), file.Integer(r, "NVoxels"), file.Number(r, "Volume_mm3"),
                file.Text(r, "StructName"), hasNorm ? file.Number(r, "normMean") : double.NaN));
        return new SegmentationStats(file, rows);
    }

    /// <summary>The row of a structure by name (e.g. Left-Hippocampus), or null.</summary>
    public SegmentationStatsRow? Find(string structName) => Rows.FirstOrDefault(r => r.StructName == structName);
}
