namespace RelevanceRelated.Grains.Cohorts;

/// <summary>How cohorts drive their subjects.</summary>
public sealed class CohortOptions
{
    /// <summary>Subjects of a silo's share of a cohort in flight when <see cref="Concurrency"/> is 0.</summary>
    public const int DefaultSlotsPerSilo = 2;

    /// <summary>Subjects in flight per cohort; 0 = <see cref="DefaultSlotsPerSilo"/> per active silo (its inference slots).</summary>
    public int Concurrency { get; set; }

    /// <summary>How often the reminder re-drives unfinished subjects (at least Orleans' minimum reminder period).</summary>
    public TimeSpan RedrivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long finished-subject reports gather before the cohort's state is written once for all of them. Writing per
    /// report would rewrite the whole member list N times for N subjects; a report lost to a crash in this window is
    /// recovered because the reminder asks the subject again.
    /// </summary>
    public TimeSpan StateWriteDelay { get; set; } = TimeSpan.FromSeconds(2);
}
