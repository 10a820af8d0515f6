using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>One subject's rows of the cortical tables (per atlas whose stats exist) and of the subcortical table (when aseg.stats exists).</summary>
public sealed record FreeSurferTableRows(
    IReadOnlyList<(CorticalAtlas Atlas, IReadOnlyList<CorticalRow> Rows)> Cortical,
    SubcorticalSubjectRows? Subcortical,
    IReadOnlyList<string> Warnings);

/// <summary>
/// A relevance map joined with a FreeSurfer subject's stats, as the original's run_cs_stats and run_subcortical_stats:
/// DK (<c>?h.aparc.stats</c>) and DKT40 (<c>?h.aparc.DKTatlas40.stats</c>, FreeSurfer 7's <c>?h.aparc.DKTatlas.stats</c>)
/// over <c>mri/aparc+aseg.mgz</c>, Destrieux (<c>?h.aparc.a2009s.stats</c>) over <c>mri/aparc.a2009s+aseg.mgz</c>, and
/// <c>stats/aseg.stats</c> over aparc+aseg. Label volumes on another grid are resampled nearest-neighbour onto the map's.
/// An atlas whose stats or label volume is missing is left out with a warning.
/// </summary>
public static class FreeSurferTables
{
    /// <param name="aparcAseg">Relevance per aparc+aseg code when the caller has it already (e.g. over a label volume it was given); else read from mri/.</param>
    public static FreeSurferTableRows Compute(string subject, Volume relevance, string subjectDirectory, IReadOnlyList<string> rois,
        double age = double.NaN, double brainAge = double.NaN, IReadOnlyList<RegionRelevance>? aparcAseg = null)
    {
        if (!Directory.Exists(subjectDirectory))
            throw new InvalidInputException($"FreeSurfer directory '{subjectDirectory}' does not exist.");
        var warnings = new List<string>();
        var regionsByVolume = new Dictionary<string, IReadOnlyList<RegionRelevance>>(StringComparer.Ordinal);
        if (aparcAseg is not null) regionsByVolume[CorticalAtlas.DesikanKilliany.OriginalLabelVolume()] = aparcAseg;
        IReadOnlyList<RegionRelevance>? Regions(string volumeName)
        {
            if (regionsByVolume.TryGetValue(volumeName, out var found)) return found;
            var path = Path.Combine(subjectDirectory, "mri", volumeName);
            if (!File.Exists(path)) return null;
            using var labels = VolumeFile.Read(path);
            using var onGrid = VoxelGrid.Same(labels, relevance) ? null : Resampler.ResampleLike(labels, relevance, Interpolation.Nearest);
            var codes = RegionalRelevance.ToLabels((onGrid ?? labels).Frame(0), path);
            return regionsByVolume[volumeName] = RegionalRelevance.Compute(relevance.Memory[..relevance.SpatialCount], codes);
        }

        var cortical = new List<(CorticalAtlas, IReadOnlyList<CorticalRow>)>();
        foreach (var atlas in CorticalAtlases.All)
        {
            var stats = atlas.StatsStems()
                .Select(stem => (Left: Path.Combine(subjectDirectory, "stats", $"lh.{stem}.stats"), Right: Path.Combine(subjectDirectory, "stats", $"rh.{stem}.stats")))
                .FirstOrDefault(p => File.Exists(p.Left) && File.Exists(p.Right));
            if (stats == default) continue;
            var volume = atlas.OriginalLabelVolume();
            if (Regions(volume) is not { } regions)
            {
                warnings.Add($"{subjectDirectory}: {atlas.Name()} stats exist but mri/{volume} does not; no {CorticalTable.FileName(atlas)} rows for {subject}.");
                continue;
            }
            cortical.Add((atlas, CorticalSubject.Rows(subject, atlas, regions, ParcellationStats.Read(stats.Left), ParcellationStats.Read(stats.Right), age, brainAge)));
        }

        SubcorticalSubjectRows? subcortical = null;
        var asegStats = Path.Combine(subjectDirectory, "stats", "aseg.stats");
        if (File.Exists(asegStats) && Regions(CorticalAtlas.DesikanKilliany.OriginalLabelVolume()) is { } aparcAsegRegions)
            subcortical = SubcorticalSubject.Rows(subject, aparcAsegRegions, SegmentationStats.Read(asegStats), rois, age, brainAge);
        else
            warnings.Add($"{subjectDirectory}: no stats/aseg.stats with mri/aparc+aseg.mgz; no {SubcorticalTable.FileName} rows for {subject}.");
        return new FreeSurferTableRows(cortical, subcortical, warnings);
    }
}
