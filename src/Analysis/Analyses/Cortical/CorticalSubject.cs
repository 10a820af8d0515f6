using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;

namespace RelevanceRelated.Analysis.Analyses.Cortical;

/// <summary>
/// One subject's rows of a merged cortical table (the original's run_cs_stats): each region of the left and right
/// stats files of the atlas, in file order, joined with the relevance over that region's code in the label volume
/// (<see cref="RegionalRelevance"/> of the relevance map over, e.g., aparc+aseg). Relevance statistics count every voxel
/// of the label, zeros included (numpy's masked mean); a region whose code has no voxel gets NaN relevance.
/// </summary>
public static class CorticalSubject
{
    /// <param name="regions">Relevance per label code of the atlas's label volume on the relevance grid.</param>
    /// <param name="left">The atlas's ?h stats of the left hemisphere (e.g. lh.aparc.stats).</param>
    /// <param name="right">The right hemisphere's.</param>
    public static IReadOnlyList<CorticalRow> Rows(string subject, CorticalAtlas atlas, IReadOnlyList<RegionRelevance> regions,
        ParcellationStats left, ParcellationStats right, double age = double.NaN, double brainAge = double.NaN, FreeSurferColorLut? lut = null)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw new InvalidInputException("Cortical: a subject identifier is required.");
        if (left.Hemisphere != "lh") throw new InvalidInputException($"{left.File.Path}: expected the left hemisphere's stats, found '{left.Hemisphere}'.");
        if (right.Hemisphere != "rh") throw new InvalidInputException($"{right.File.Path}: expected the right hemisphere's stats, found '{right.Hemisphere}'.");
        var byLabel = regions.ToDictionary(r => r.Label);
        var rows = new List<CorticalRow>(left.Rows.Count + right.Rows.Count);
        foreach (var (stats, hemisphere) in new[] { (left, "left"), (right, "right") })
        {
            var source = Path.GetFileName(stats.File.Path);
            foreach (var s in stats.Rows)
            {
                var labelId = atlas.LabelId(stats.Hemisphere, s.StructName, lut) ?? throw new InvalidInputException(
                    $"{stats.File.Path}: region '{s.StructName}' has no {atlas.Name()} label code (looked up as {(atlas == CorticalAtlas.Destrieux ? $"ctx_{stats.Hemisphere}_" : $"ctx-{stats.Hemisphere}-")}{s.StructName}); is this the {atlas.Name()} atlas's stats file?");
                var found = byLabel.TryGetValue(labelId, out var r);
                rows.Add(new CorticalRow(hemisphere, s.StructName, s.NumVert, s.SurfArea, s.GrayVol, s.ThickAvg, s.ThickStd, s.MeanCurv, s.GausCurv,
                    s.FoldInd, s.CurvInd, subject, source, labelId,
                    found ? r!.MeanRelevance : double.NaN, found ? r!.SumRelevance : double.NaN,
                    found ? r!.MinRelevance : double.NaN, found ? r!.MaxRelevance : double.NaN, age, brainAge));
            }
        }
        return rows;
    }
}
