using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Missingness;
using RelevanceRelated.Analysis.Artifacts;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Persistence;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>The last analysis run's report.</summary>
[GenerateSerializer]
[Alias("RelevanceRelated.CohortAnalysesState")]
public sealed class CohortAnalysesState
{
    [Id(0)]
    public CohortAnalysesReport? Last { get; set; }
}

/// <summary>
/// Runs a cohort's analyses on a silo (see <see cref="ICohortAnalysesGrain"/>): the members come page by page from the
/// cohort grain, each finished member's table parts from the artifact store (hash-checked), and
/// <see cref="CohortAnalysisRun"/> writes the merged tables and statistics under <c>[paths].results/COHORT</c>. File work
/// runs on the thread pool, off the grain's scheduler.
/// </summary>
public sealed class CohortAnalysesGrain(
    [PersistentState("cohort-analyses")] IPersistentState<CohortAnalysesState> state,
    RelevanceRelatedConfig config,
    ArtifactStore store,
    ILogger<CohortAnalysesGrain> logger) : Grain, ICohortAnalysesGrain
{
    /// <summary>Statistics files larger than this are not carried in the report (the merged tables never are).</summary>
    private const long LargestCarriedTable = 1 << 20;

    public Task<CohortAnalysesReport?> GetLast() => Task.FromResult(state.State.Last);

    public async Task<CohortAnalysesReport> Run(ImmutableArray<string> analyses)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cohortName = this.GetPrimaryKeyString();
        var selection = analyses.IsDefaultOrEmpty
            ? throw new InvalidInputException("analyze: name at least one analysis (or --all).")
            : analyses.Select(a => AnalysisKinds.Parse(a, "analyze")).ToHashSet();
        var cohort = GrainFactory.GetGrain<ICohortGrain>(cohortName);
        var settings = await cohort.GetSettings();
        var pages = await cohort.GetPageCount();
        var folder = Path.Combine(config.Paths.Results, cohortName);
        var sequences = config.Models.ToDictionary(m => m.Key, m => m.Value.Sequence, StringComparer.Ordinal);

        var (subjects, without) = (0, 0);
        CohortAnalysesOutcome outcome;
        using (var run = new CohortAnalysisRun(folder, selection))
        {
            for (var page = 0; page < pages; page++)
            {
                foreach (var member in (await cohort.GetPage(page)).Members)
                {
                    subjects++;
                    var id = member.Submission.SubjectId;
                    run.AddParticipant(Availability(member, sequences));
                    if (member.Stages.FirstOrDefault(s => s.Stage == StageNames.Analyses) is not { Status: StageStatus.Done })
                    {
                        without++;
                        continue;
                    }
                    var parts = new List<SubjectTable>();
                    foreach (var (role, reference) in member.Artifacts)
                        if (AnalysesResult.ParseRole(role) is { } part)
                        {
                            var bytes = await store.ReadAllBytesAsync(reference);
                            parts.Add(new SubjectTable(part.Analysis, part.RelativePath, System.Text.Encoding.UTF8.GetString(bytes)));
                        }
                    run.AddSubject(id, parts);
                }
            }
            if (subjects == 0) throw new InvalidInputException($"cohort '{cohortName}' has no members; submit subjects first.");
            if (without > 0) run.Warn($"{without} of {subjects} subjects have no finished analyses stage (failed or still running); they are not in the tables.");
            var options = CohortStatisticsOptions.FromConfig(config.Params);
            outcome = await Task.Run(() => run.Complete(options));
        }

        var tables = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var file in outcome.StatisticsFiles)
        {
            var path = Path.Combine(outcome.Folder, file);
            if (new FileInfo(path).Length <= LargestCarriedTable) tables[file] = await File.ReadAllTextAsync(path);
        }
        var report = new CohortAnalysesReport(cohortName, settings.Version, DateTimeOffset.UtcNow,
            [.. selection.Order().Select(k => k.Name())], subjects, without, outcome, tables.ToImmutable(), clock.Elapsed);
        state.State.Last = report;
        await state.WriteWithRetryAsync(logger, $"cohort analyses {cohortName}");
        logger.LogInformation("Cohort {Cohort}: analyses {Analyses} on {Subjects} subjects wrote {Tables} tables and {Statistics} statistics files to {Folder}.",
            cohortName, string.Join(",", report.Analyses), subjects - without, outcome.Tables.Count, outcome.StatisticsFiles.Count, outcome.Folder);
        return report;
    }

    /// <summary>check_N's row: whether a sub-ensemble of each sequence produced a relevance map for the member.</summary>
    private static ParticipantAvailability Availability(CohortMember member, IReadOnlyDictionary<string, string> sequences)
    {
        bool Has(string sequence) => member.Artifacts.Keys.Any(role => role.EndsWith(RelevanceResult.MapRoleSuffix, StringComparison.Ordinal)
            && sequences.TryGetValue(role[..^RelevanceResult.MapRoleSuffix.Length], out var s) && s == sequence);
        var covariates = member.Submission.Covariates;
        return new ParticipantAvailability(member.Submission.SubjectId, covariates.Age ?? double.NaN, covariates.Sex, Has("t1"), Has("flair"));
    }
}
