using System.Collections.Immutable;
using Orleans.Concurrency;

namespace RelevanceRelated.Contracts;

/// <summary>
/// A cohort's analyses (key: the cohort's name), the original run.py's <c>--wml --cs --sub --pvs --pvs_only_border --fa</c>
/// and check_N on the cluster: it gathers the members' table parts page by page from the artifact store, writes the
/// merged tables and the R scripts' statistics under <c>[paths].results/COHORT</c> on the silos' shared volume, and
/// keeps the last run's report.
/// </summary>
public interface ICohortAnalysesGrain : IGrainWithStringKey
{
    /// <summary>Runs the named analyses (<see cref="Analysis.Analyses.AnalysisKinds.Name"/>) on the members whose analyses stage is done.</summary>
    /// <exception cref="Analysis.InvalidInputException">An unknown analysis name, or no analysis named.</exception>
    [ResponseTimeout("00:30:00")]
    Task<CohortAnalysesReport> Run(ImmutableArray<string> analyses);

    /// <summary>The last run's report, or null when the analyses never ran.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<CohortAnalysesReport?> GetLast();
}
