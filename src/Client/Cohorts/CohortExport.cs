using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Analysis.Reports.Viewer;
using RelevanceRelated.Analysis.Xai.Heatmaps;
using RelevanceRelated.Contracts;

namespace RelevanceRelated.Client.Cohorts;

/// <summary>
/// Exports a cohort: its members page by page, its settings and statistics from the cluster (no artifact store needed
/// for these), and, when the store is mounted, each member's maps (PVS mask and relevance maps, NIfTI, hash-checked),
/// heatmaps, the viewer's volumes and each model's cohort mean relevance map. Writes <c>tables/</c>
/// (<c>subjects.csv</c>, <c>cohort_features.csv</c>, <c>statistics.csv</c>, <c>regional_correlations.csv</c>),
/// <c>maps/SUBJECT_ROLE.nii.gz</c>, <c>heatmaps/SUBJECT_MODEL.webp</c>, <c>figures/</c>, <c>viewer/</c>,
/// <c>report.html</c> and <c>viewer.html</c>. Everything is written into a temporary folder first and moved into place
/// only when every artifact was good; otherwise nothing is replaced and the error lists every bad artifact.
/// </summary>
public static class CohortExport
{
    public sealed record Result(CohortStatisticsReport Statistics, IReadOnlyList<CohortMember> Members, IReadOnlyList<string> Files);

    /// <summary>Every member of the cohort, in page (partition) order and by id within a page.</summary>
    /// <exception cref="InvalidInputException">The cohort has no members (unknown name).</exception>
    public static async Task<IReadOnlyList<CohortMember>> FetchMembersAsync(IGrainFactory grains, string cohort)
    {
        var grain = grains.GetGrain<ICohortGrain>(cohort);
        var pages = await grain.GetPageCount();
        var members = new List<CohortMember>();
        for (var page = 0; page < pages; page++) members.AddRange((await grain.GetPage(page)).Members);
        if (members.Count == 0) throw new InvalidInputException($"cohort '{cohort}' has no subjects; submit it first (relevancerelated submit --cohort {cohort} ...).");
        return members;
    }

    /// <param name="config">The configuration the console loaded: the report describes the cohort's models, rule and thresholds from it.</param>
    /// <param name="artifactsRoot">The artifact store (<c>[paths].artifacts</c>), or null to export tables, figures and the report only.</param>
    /// <exception cref="InvalidInputException">Artifacts are missing or corrupt (every one named); nothing was written.</exception>
    public static async Task<Result> WriteAsync(IGrainFactory grains, string cohort, RelevanceRelatedConfig config, string? artifactsRoot, string directory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var members = await FetchMembersAsync(grains, cohort);
        var grain = grains.GetGrain<ICohortGrain>(cohort);
        var analyses = await grains.GetGrain<ICohortAnalysesGrain>(cohort).GetLast();
        return await WriteAsync(cohort, members, await grain.GetStatistics(), await grain.GetSettings(), config, artifactsRoot, directory, analyses);
    }

    /// <summary>The export of a cohort whose members, statistics and settings were already fetched from the cluster.</summary>
    /// <param name="analyses">The last run of the published analyses: its statistics tables go under <c>analyses/</c> and its regional correlations into the report.</param>
    /// <exception cref="InvalidInputException">Artifacts are missing or corrupt (every one named); nothing was written.</exception>
    public static async Task<Result> WriteAsync(string cohort, IReadOnlyList<CohortMember> members, CohortStatisticsReport statistics, CohortSettings settings,
        RelevanceRelatedConfig config, string? artifactsRoot, string directory, CohortAnalysesReport? analyses = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var configuration = Configuration(config, settings, members);
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory))!, $".{Path.GetFileName(Path.GetFullPath(directory))}.export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<string>();
            var problems = new List<string>();
            files.Add(SubjectsTable.Write(members, Path.Combine(staging, "tables")));
            var subjects = new List<ReportSubject>();
            var cohortMaps = new List<CohortMap>();
            RegionLabelImage? regionLabels = null;
            try
            {
                if (artifactsRoot is not null)
                {
                    var subjectMaps = new SubjectMaps(new ArtifactStore(artifactsRoot), staging, configuration.Rule.Name);
                    var exported = new SubjectMaps.Exported[members.Count];
                    var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
                    // Subjects are independent (reading, drawing and encoding their maps): one per core.
                    await Parallel.ForEachAsync(Enumerable.Range(0, members.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                        async (i, _) => exported[i] = await subjectMaps.ExportAsync(members[i], i, failures));
                    for (var i = 0; i < members.Count; i++)
                    {
                        files.AddRange(exported[i].Files);
                        subjects.Add(Subject(members[i], exported[i].Subject));
                    }
                    problems.AddRange(failures.Order(StringComparer.Ordinal));
                    if (problems.Count > 0)
                        throw new InvalidInputException($"export of cohort '{cohort}' stopped; nothing was written. {problems.Count} artifact(s) are missing or corrupt:\n  " +
                            string.Join("\n  ", problems));
                    var (maps, written) = subjectMaps.WriteCohortMeans();
                    cohortMaps.AddRange(maps);
                    files.AddRange(written);
                }
                else subjects.AddRange(members.Select(m => Subject(m, SubjectFiles.None)));
                regionLabels = RegionLabels(members);
                var regional = statistics.Summaries.Select(s => RegionalAnalysis.RelevanceAgainstAge(s, config.Params.Alpha)).ToList();
                if (analyses is not null)
                {
                    regional.AddRange(PublishedRegionalAnalyses.From(analyses.Outcome.Correlations, config.Params.Alpha));
                    files.AddRange(AnalysesTables(analyses, staging));
                }
                var input = new CohortReportInput(cohort, DateTimeOffset.UtcNow, SoftwareVersion.Current, configuration, subjects, statistics.Summaries,
                    regional, cohortMaps, regionLabels);
                files.AddRange(CohortReport.Write(input, staging));
            }
            finally
            {
                regionLabels?.Labels.Dispose();
            }
            MoveInto(staging, directory);
            return new Result(statistics, members, files);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>analyses/PATH: the published analyses' statistics tables as the cluster wrote them under [paths].results/COHORT.</summary>
    private static IEnumerable<string> AnalysesTables(CohortAnalysesReport analyses, string staging)
    {
        foreach (var (path, text) in analyses.StatisticsTables)
        {
            var target = Path.GetFullPath(Path.Combine(staging, "analyses", path));
            if (!target.StartsWith(Path.GetFullPath(staging) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidInputException($"analyses table '{path}' would be written outside the export folder.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
            yield return target;
        }
    }

    /// <summary>The cohort's rule, models and PVS method as its settings say, else as the configuration's defaults.</summary>
    private static ReportConfiguration Configuration(RelevanceRelatedConfig config, CohortSettings settings, IReadOnlyList<CohortMember> members)
    {
        var rule = settings.Get(CohortParameters.AnalyzerType, config.Params.AnalyzerType);
        var listed = settings.Get(CohortParameters.BrainAgeModels, "");
        // Without brainage_models the stage ran every model of the cluster's configuration: the ones the rows name.
        IReadOnlyList<string> models = listed.Length > 0
            ? [.. listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. members.SelectMany(m => m.Row?.Models.Select(f => f.Model) ?? []).Distinct().Order(StringComparer.Ordinal)];
        return ReportConfiguration.Create(config, settings.Version, settings.Parameters, rule, models,
            settings.Get(CohortParameters.PvsModel, ReportConfiguration.Frangi));
    }

    private static ReportSubject Subject(CohortMember member, SubjectFiles files)
    {
        var failed = member.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
        return new ReportSubject(member.Submission.SubjectId, member.Submission.Covariates.Age, member.Submission.Covariates.Sex, member.Row,
            failed?.Stage, failed?.Error, files);
    }

    /// <summary>
    /// The label volume region maps are drawn on: the aparc+aseg of the first member whose FreeSurfer directory this
    /// console can read (simulated cohorts have one per subject), or null.
    /// </summary>
    private static RegionLabelImage? RegionLabels(IReadOnlyList<CohortMember> members)
    {
        foreach (var member in members)
        {
            if (member.Submission.Inputs.FreeSurferDirectory is not { } freeSurfer) continue;
            var path = Path.Combine(freeSurfer, "mri", "aparc+aseg.mgz");
            if (!File.Exists(path)) continue;
            return new RegionLabelImage(VolumeFile.Read(path), $"the aparc+aseg of {member.Submission.SubjectId}");
        }
        return null;
    }

    /// <summary>Moves each top-level entry of the staging folder over its counterpart in <paramref name="directory"/> (other entries there are kept).</summary>
    private static void MoveInto(string staging, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
        {
            var target = Path.Combine(directory, Path.GetFileName(entry));
            if (File.Exists(entry))
            {
                File.Move(entry, target, overwrite: true);
                continue;
            }
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(entry, target);
        }
    }
}
