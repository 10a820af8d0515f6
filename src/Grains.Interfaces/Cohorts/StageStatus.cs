namespace RelevanceRelated.Contracts;

/// <summary>Where one stage of one subject stands.</summary>
[GenerateSerializer]
[Alias("RelevanceRelated.StageStatus")]
public enum StageStatus
{
    /// <summary>Not run yet for the current inputs and configuration.</summary>
    Pending = 0,

    /// <summary>Started; when its silo dies it stays here until the cohort's reminder re-drives it.</summary>
    Running = 1,

    Done = 2,

    /// <summary>Failed for the current inputs and configuration; <see cref="StageRecord.LastError"/> says why.</summary>
    Failed = 3,
}
