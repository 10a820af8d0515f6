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
}
