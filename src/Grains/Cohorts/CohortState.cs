namespace RelevanceRelated.Grains.Cohorts;

/// <summary>A cohort grain's persisted state: members, settings, and each member's last known summary.</summary>
public sealed class CohortState
{
    public Dictionary<string, SubjectSubmission> Members { get; set; } = new(StringComparer.Ordinal);

    public CohortSettings Settings { get; set; } = CohortSettings.Initial;

    /// <summary>Written when a subject finishes; running subjects report again after a restart.</summary>
    public Dictionary<string, SubjectSummary> Summaries { get; set; } = new(StringComparer.Ordinal);
}
