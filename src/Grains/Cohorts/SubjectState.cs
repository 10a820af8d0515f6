using RelevanceRelated.Contracts;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A subject grain's persisted state: references and small typed results only, never voxels. State of version 1 held
/// its results as string-keyed values that no stage reads any more; such records are reset on activation, so their
/// stages run again (their stored inputs are reused from the artifact store).
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.SubjectState")]
public sealed class SubjectState
{
    /// <summary>Version 2: typed stage results.</summary>
    public const int CurrentVersion = 2;

    [Id(0)]
    public SubjectSubmission? Submission { get; set; }

    [Id(1)]
    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    [Id(2)]
    public Dictionary<string, StageRecord> Stages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The partition the subject reports to (key of its <see cref="ICohortPartitionGrain"/>).</summary>
    [Id(3)]
    public string? Partition { get; set; }

    /// <summary>0 in state written before versions were recorded.</summary>
    [Id(4)]
    public int Version { get; set; }
}
