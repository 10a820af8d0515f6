using System.Collections.Immutable;
using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Contracts;

/// <summary>A cohort's statistics, computed on the cluster: how many members have a feature row, and one summary per brain-age model.</summary>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.CohortStatisticsReport")]
public sealed record CohortStatisticsReport(
    [property: Id(0)] string Cohort,
    [property: Id(1)] int ConfigurationVersion,
    [property: Id(2)] int Subjects,
    [property: Id(3)] int SubjectsWithFeatures,
    [property: Id(4)] ImmutableArray<CohortSummary> Summaries);
