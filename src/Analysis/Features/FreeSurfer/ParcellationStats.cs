namespace RelevanceRelated.Analysis.Features.FreeSurfer;

/// <summary>One cortical region of mris_anatomical_stats output.</summary>
public sealed record ParcellationStatsRow(
    string StructName, int NumVert, double SurfArea, double GrayVol, double ThickAvg, double ThickStd,
    double MeanCurv, double GausCurv, double FoldInd, double CurvInd);

/// <summary>
/// A cortical parcellation's stats: ?h.aparc.stats (Desikan-Killiany), ?h.aparc.DKTatlas.stats,
/// ?h.aparc.a2009s.stats (Destrieux). The hemisphere comes from the file's <c># hemi</c> line.
/// </summary>
public sealed class ParcellationStats
{
    public FreeSurferStatsFile File { get; }
    /// <summary>"lh" or "rh".</summary>
    public string Hemisphere { get; }
    public IReadOnlyList<ParcellationStatsRow> Rows { get; }

    private ParcellationStats(FreeSurferStatsFile file, string hemisphere, IReadOnlyList<ParcellationStatsRow> rows)
    {
        File = file;
        Hemisphere = hemisphere;
        Rows = rows;
    }

    public static ParcellationStats Read(string path)
    {
        var file = FreeSurferStatsFile.Read(path);
        if (!file.Headers.TryGetValue("hemi", out var hemi) || hemi is not ("lh" or "rh"))
            throw new InvalidInputException($"{path}: no '# hemi lh' or '# hemi rh' line; not a cortical parcellation stats file.");
        var rows = new List<ParcellationStatsRow>(file.Rows.Count);
        for (var r = 0; r < file.Rows.Count; r++)
            rows.Add(new ParcellationStatsRow(
                file.Text(r, "StructName"), file.Integer(r, "NumVert"), file.Number(r, "SurfArea"), file.Number(r, "GrayVol"),
                file.Number(r, "ThickAvg"), file.Number(r, "ThickStd"), file.Number(r, "MeanCurv"), file.Number(r, "GausCurv"),
                file.Number(r, "FoldInd"), file.Number(r, "CurvInd")));
        return new ParcellationStats(file, hemi, rows);
    }

    public ParcellationStatsRow? Find(string structName) => Rows.FirstOrDefault(r => r.StructName == structName);
}
