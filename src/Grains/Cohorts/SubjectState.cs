namespace RelevanceRelated.Grains.Cohorts;

/// <summary>A subject grain's persisted state: references and small results only, never voxels.</summary>
public sealed class SubjectState
{
    public SubjectSubmission? Submission { get; set; }

    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    public Dictionary<string, StageRecord> Stages { get; set; } = new(StringComparer.Ordinal);
}
