namespace RelevanceRelated.Grains.Cohorts;

/// <summary>How cohorts drive their subjects and keep their members.</summary>
public sealed class CohortOptions
{
    /// <summary>Subjects of a silo's share of a cohort in flight when <see cref="Concurrency"/> is 0.</summary>
    public const int DefaultSlotsPerSilo = 2;

    /// <summary>Subjects in flight per cohort; 0 = <see cref="DefaultSlotsPerSilo"/> per active silo (its inference slots).</summary>
    public int Concurrency { get; set; }

    /// <summary>How often the reminder re-drives unfinished subjects (at least Orleans' minimum reminder period).</summary>
    public TimeSpan RedrivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Members per partition the cohort aims at when it chooses its partition count; a cohort that grows past twice
    /// this per partition moves into a new generation of partitions sized for its new count.
    /// </summary>
    public int PartitionCapacity { get; set; } = 250;

    /// <summary>
    /// A partition writes its finished members' rows once this share of its members finished since its last write (and
    /// when none is left unfinished): each finished subject then costs about 1 / share rows written, not its partition.
    /// </summary>
    public double SnapshotShare { get; set; } = 0.25;

    /// <summary>
    /// How long a batched submission stays open without a batch or its commit: a client that died mid-submit leaves
    /// nothing behind in the cohort's memory for longer, and its late commit is refused (submit again).
    /// </summary>
    public TimeSpan OpenSubmissionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Partitions written at once by a submission.</summary>
    public int SubmitParallelism { get; set; } = 16;
}
