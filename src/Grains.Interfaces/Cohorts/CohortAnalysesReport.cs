using System.Collections.Immutable;
using RelevanceRelated.Analysis.Analyses;

namespace RelevanceRelated.Contracts;

/// <summary>
/// One run of a cohort's analyses: when, under which configuration version, how many members took part (their analyses
/// stage done) and how many did not, what was written (merged tables, statistics files) and the regional correlations
/// found, with the statistics tables' text so a console without the shared volume can export them.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortAnalysesReport")]
public sealed record CohortAnalysesReport(
    [property: Id(0)] string Cohort,
    [property: Id(1)] int ConfigurationVersion,
    [property: Id(2)] DateTimeOffset Finished,
    [property: Id(3)] ImmutableArray<string> Analyses,
    [property: Id(4)] int Subjects,
    [property: Id(5)] int SubjectsWithoutAnalyses,
    [property: Id(6)] CohortAnalysesOutcome Outcome,
    [property: Id(7)] ImmutableSortedDictionary<string, string> StatisticsTables,
    [property: Id(8)] TimeSpan Elapsed);
