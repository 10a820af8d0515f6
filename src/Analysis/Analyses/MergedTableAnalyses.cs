using RelevanceRelated.Analysis.Configuration;
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
    public static IReadOnlyList<string> Run(ResultsLayout layout, CohortStatisticsOptions options) => RunWithFindings(layout, options).Files;

    /// <summary>As <see cref="Run"/>, also returning the regional correlation families the statistics found.</summary>
    public static MergedTableResults RunWithFindings(ResultsLayout layout, CohortStatisticsOptions options)
    {
        Significance.RequireAlpha(options.Alpha);
        var written = new List<string>();
        var findings = new List<RegionalCorrelationSet>();
        var warnings = new List<string>();
        string Relative(string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
        RegionalCorrelation Region(string label, int n, double r, double p, double corrected) => new(label, n, r, p, corrected, corrected < options.Alpha);
        // One analysis that cannot run on these tables (e.g. fewer subjects than a test needs) does not stop the others.
        void Try(string table, Action analysis)
        {
            try
            {
                analysis();
            }
            catch (InvalidInputException ex)
            {
                warnings.Add($"{table}: no statistics ({ex.Message})");
            }
        }

        foreach (var atlas in CorticalAtlases.All)
            if (Existing(layout.StatsMaps, CorticalTable.FileName(atlas)) is { } path)
                Try(CorticalTable.FileName(atlas), () =>
                {
                    var result = CorticalCohort.Run(atlas, CorticalTable.Read(Table.Read(path)), options.Alpha);
                    var files = CorticalCohort.Write(result, layout, includeTable: false);
                    written.AddRange(files);
                    var correction = $"Bonferroni × {result.GrayMatterVolume.Count}";
                    findings.Add(new(AnalysisKind.Cortical, $"{atlas.Name()}: sum of relevance vs grey-matter volume per region", Relative(files[0]), correction,
                        [.. result.GrayMatterVolume.Select(c => Region(c.Label, c.N, c.R, c.P, c.PCorrected))]));
                    findings.Add(new(AnalysisKind.Cortical, $"{atlas.Name()}: sum of relevance vs average thickness per region", Relative(files[1]), correction,
                        [.. result.Thickness.Select(c => Region(c.Label, c.N, c.R, c.P, c.PCorrected))]));
                });

        if (Existing(layout.StatsMaps, SubcorticalTable.FileName) is { } subcortical)
            Try(SubcorticalTable.FileName, () =>
            {
                var result = SubcorticalCohort.Run(SubcorticalTable.Read(Table.Read(subcortical)), options.SubcorticalRois, options.Alpha);
                var files = SubcorticalCohort.Write(result, layout, includeTable: false);
                written.AddRange(files);
                findings.Add(new(AnalysisKind.Subcortical, "aseg: sum of relevance vs volume per structure", Relative(files[0]),
                    $"Bonferroni × {result.Correlations.Count}", [.. result.Correlations.Select(c => Region(c.LabelName, c.N, c.R, c.P, c.PBonferroni))]));
            });

        foreach (var sequence in new[] { RelevanceSequence.T1, RelevanceSequence.Flair })
            if (Existing(layout.StatsMaps, FaJhuTable.FileName(sequence)) is { } fa)
                Try(FaJhuTable.FileName(sequence), () =>
                {
                    var result = FaCohort.Run(sequence, FaJhuTable.Read(Table.Read(fa)), []);
                    var files = FaCohort.Write(result, layout, includeTables: false);
                    written.AddRange(files);
                    findings.Add(new(AnalysisKind.Fa, $"JHU ({sequence.Name()} relevance): mean FA vs sum of relevance per tract", Relative(files[0]),
                        $"Bonferroni × {result.Correlations.Count}", [.. result.Correlations.Select(c => Region(c.Name, c.N, c.R, c.P, c.PBonferroni))]));
                });

        var pvsTables = Directory.Exists(layout.Pvs)
            ? Directory.EnumerateFiles(layout.Pvs, "*.PVS_*-subens.csv").Order(StringComparer.Ordinal)
                .Select(p => (Path: p, Configuration: PvsConfiguration.FromFileName(Path.GetFileName(p))))
                .Where(t => t.Configuration is not null)
                .ToDictionary(t => t.Configuration!, t => t.Path)
            : [];
        foreach (var (configuration, path) in pvsTables.Where(t => PvsAgeRelationships.AppliesTo(t.Key)))
            Try(configuration.FileName, () =>
            {
                var table = new PvsTable(configuration, MaskMetricsTable.Read(Table.Read(path), MaskFeature.Pvs, PvsCohort.SubjectColumn));
                written.Add(PvsAgeRelationships.Write(PvsAgeRelationships.Run(table), layout));
            });
        if (Existing(layout.Wml, WmlCohort.FileName) is { } wmlPath && PvsStatsTables(pvsTables) is { } pair)
            Try("pvs_stats", () =>
            {
                IReadOnlyList<MaskMetricsRow> Read(string path) => MaskMetricsTable.Read(Table.Read(path), MaskFeature.Pvs, PvsCohort.SubjectColumn);
                var wml = MaskMetricsTable.Read(Table.Read(wmlPath), MaskFeature.Wml, WmlCohort.SubjectColumn);
                var (values, summary) = RelevanceInMaskSummary.Write(RelevanceInMaskSummary.Run(Read(pair.T1), Read(pair.Flair), wml, options.WmlMinVoxels), layout);
                written.AddRange([values, summary]);
            });

        if (Existing(layout.Missingness, CheckN.OverviewFileName) is { } overview)
            Try(CheckN.OverviewFileName, () =>
                written.AddRange(CheckN.Write(CheckN.Run(ParticipantAvailability.Read(Table.Read(overview))), layout, includeOverview: false)));
        return new MergedTableResults(written, findings, warnings);
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
