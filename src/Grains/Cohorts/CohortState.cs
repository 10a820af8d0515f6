using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A cohort grain's persisted state: settings and counters, never its members (they live in partitions). The first
/// release kept every member and summary here (ids 0 and 2); such state is moved into partitions on activation.
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.CohortState")]
public sealed class CohortState
{
    /// <summary>Version 2: members in partitions.</summary>
    public const int CurrentVersion = 2;

    [Id(0)]
    public Dictionary<string, SubjectSubmission>? LegacyMembers { get; set; }

    [Id(1)]
    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    [Id(2)]
    public Dictionary<string, SubjectSummary>? LegacySummaries { get; set; }

    [Id(3)]
    public int Version { get; set; } = CurrentVersion;

    /// <summary>Bumped when the members move into a new set of partitions (their keys carry it).</summary>
    [Id(4)]
    public int Generation { get; set; }

    /// <summary>0 until the first submission chooses the count.</summary>
    [Id(5)]
    public int Partitions { get; set; }

    [Id(6)]
    public int Members { get; set; }
}
