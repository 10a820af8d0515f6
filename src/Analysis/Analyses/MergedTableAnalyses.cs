using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Analyses.Fa;
using RelevanceRelated.Analysis.Analyses.Missingness;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Analyses.Wml;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>
/// The R scripts' workflow on tables already under a results folder (ours or the original's): every cohort analysis whose
/// merged tables are present runs and writes its statistics beside them, leaving the input tables untouched. Looks for
/// statsmaps/merged_cs_{dktbase,dkt,destrieux}.csv, statsmaps/merged_subcort_aseg.csv, statsmaps/merged_fa-{t1,flair}_jhu.csv,
/// the PVS tables in PVS/ (age/DBA relationships of the undilated ones; pvs_stats.R with WML/WMlesion.csv on the T1-FLAIR
/// model's T1 and FLAIR tables, or the T1 model's when those are absent) and check_N/relevance_related_data_overview.csv.
/// </summary>
public static class MergedTableAnalyses
{
    public static IReadOnlyList<string> Run(ResultsLayout layout, CohortStatisticsOptions options)
    {
        Significance.RequireAlpha(options.Alpha);
        var written = new List<string>();
        foreach (var atlas in CorticalAtlases.All)
            if (Existing(layout.StatsMaps, CorticalTable.FileName(atlas)) is { } path)
                written.AddRange(CorticalCohort.Write(CorticalCohort.Run(atlas, CorticalTable.Read(Table.Read(path)), options.Alpha), layout, includeTable: false));

        if (Existing(layout.StatsMaps, SubcorticalTable.FileName) is { } subcortical)
            written.AddRange(SubcorticalCohort.Write(
                SubcorticalCohort.Run(SubcorticalTable.Read(Table.Read(subcortical)), options.SubcorticalRois, options.Alpha), layout, includeTable: false));

        foreach (var sequence in new[] { RelevanceSequence.T1, RelevanceSequence.Flair })
            if (Existing(layout.StatsMaps, FaJhuTable.FileName(sequence)) is { } fa)
                written.AddRange(FaCohort.Write(FaCohort.Run(sequence, FaJhuTable.Read(Table.Read(fa)), []), layout, includeTables: false));

        var pvsTables = Directory.Exists(layout.Pvs)
            ? Directory.EnumerateFiles(layout.Pvs, "*.PVS_*-subens.csv").Order(StringComparer.Ordinal)
                .Select(p => (Path: p, Configuration: PvsConfiguration.FromFileName(Path.GetFileName(p))))
                .Where(t => t.Configuration is not null)
                .ToDictionary(t => t.Configuration!, t => t.Path)
            : [];
        foreach (var (configuration, path) in pvsTables.Where(t => PvsAgeRelationships.AppliesTo(t.Key)))
        {
            var table = new PvsTable(configuration, MaskMetricsTable.Read(Table.Read(path), MaskFeature.Pvs, PvsCohort.SubjectColumn));
            written.Add(PvsAgeRelationships.Write(PvsAgeRelationships.Run(table), layout));
        }
        if (Existing(layout.Wml, WmlCohort.FileName) is { } wmlPath && PvsStatsTables(pvsTables) is { } pair)
        {
            IReadOnlyList<MaskMetricsRow> Read(string path) => MaskMetricsTable.Read(Table.Read(path), MaskFeature.Pvs, PvsCohort.SubjectColumn);
            var wml = MaskMetricsTable.Read(Table.Read(wmlPath), MaskFeature.Wml, WmlCohort.SubjectColumn);
            var (values, summary) = RelevanceInMaskSummary.Write(RelevanceInMaskSummary.Run(Read(pair.T1), Read(pair.Flair), wml, options.WmlMinVoxels), layout);
            written.AddRange([values, summary]);
        }

        if (Existing(layout.Missingness, CheckN.OverviewFileName) is { } overview)
            written.AddRange(CheckN.Write(CheckN.Run(ParticipantAvailability.Read(Table.Read(overview))), layout, includeOverview: false));
        return written;
    }

    private static string? Existing(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>pvs_stats.R's inputs: the undilated whole-brain T1 and FLAIR tables of the T1-FLAIR model, else of the T1 model.</summary>
    private static (string T1, string Flair)? PvsStatsTables(IReadOnlyDictionary<PvsConfiguration, string> tables)
    {
        foreach (var model in new[] { PvsModelInput.T1Flair, PvsModelInput.T1 })
            if (tables.TryGetValue(new PvsConfiguration(model, RelevanceSequence.T1), out var t1)
                && tables.TryGetValue(new PvsConfiguration(model, RelevanceSequence.Flair), out var flair))
                return (t1, flair);
        return null;
    }
}
