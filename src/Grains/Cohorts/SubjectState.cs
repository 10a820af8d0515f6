namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A subject grain's persisted state: references and small results only, never voxels. Serializable by Orleans
/// so that the storage serializer's type allow-list accepts it.
/// </summary>
[GenerateSerializer]
[Alias("RelevanceRelated.SubjectState")]
public sealed class SubjectState
{
    [Id(0)]
    public SubjectSubmission? Submission { get; set; }

    [Id(1)]
    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    [Id(2)]
    public Dictionary<string, StageRecord> Stages { get; set; } = new(StringComparer.Ordinal);
}
