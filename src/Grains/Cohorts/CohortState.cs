namespace RelevanceRelated.Grains.Cohorts;

/// <summary>A cohort grain's persisted state: members, settings, and each member's last known summary.</summary>
[GenerateSerializer]
[Alias("RelevanceRelated.CohortState")]
public sealed class CohortState
{
    [Id(0)]
    public Dictionary<string, SubjectSubmission> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    /// <summary>Written when a subject finishes; running subjects report again after a restart.</summary>
    [Id(2)]
    public Dictionary<string, SubjectSummary> Summaries { get; set; } = new(StringComparer.Ordinal);
}
