using System.Collections.Immutable;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// What one stage of one subject did last: its status, how often it was started and completed, the hashes
/// of the inputs and configuration it ran with, the artifacts it wrote (references only) and small results.
/// </summary>
/// <param name="Attempts">Times the stage was started, including runs interrupted by a dying silo.</param>
/// <param name="Completions">Times the stage completed successfully; a stage reruns only when its hashes change.</param>
/// <param name="InputHash">SHA-256 over the subject's submission and the outputs of the stages this one depends on.</param>
/// <param name="ConfigHash">SHA-256 over the configuration this stage reads.</param>
/// <param name="Values">Small numeric results (predictions, brain-age gap, metrics, counts).</param>
/// <param name="Facts">Small text results (input hashes, grid descriptions).</param>
[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.StageRecord")]
public sealed record StageRecord(
    [property: Id(0)] string Stage,
    [property: Id(1)] StageStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] int Completions,
    [property: Id(4)] string? LastError,
    [property: Id(5)] DateTimeOffset? Started,
    [property: Id(6)] DateTimeOffset? Finished,
    [property: Id(7)] string? InputHash,
    [property: Id(8)] string? ConfigHash,
    [property: Id(9)] ImmutableSortedDictionary<string, ArtifactReference> Artifacts,
    [property: Id(10)] ImmutableSortedDictionary<string, double> Values,
    [property: Id(11)] ImmutableSortedDictionary<string, string> Facts)
{
    public static StageRecord New(string stage) => new(stage, StageStatus.Pending, 0, 0, null, null, null, null, null,
        ImmutableSortedDictionary<string, ArtifactReference>.Empty, ImmutableSortedDictionary<string, double>.Empty,
        ImmutableSortedDictionary<string, string>.Empty);
}
