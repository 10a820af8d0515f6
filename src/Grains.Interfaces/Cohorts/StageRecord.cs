namespace RelevanceRelated.Contracts;

/// <summary>
/// What one stage of one subject did last: its status, how often it was started and completed, the hashes of the
/// inputs and configuration it ran with, and its typed result (small values and artifact references, never voxels).
/// </summary>
/// <param name="Attempts">Times the stage was started (counted once its start was persisted), including runs interrupted by a dying silo.</param>
/// <param name="Completions">Times the stage completed successfully; a stage reruns only when its hashes change.</param>
/// <param name="InputHash">SHA-256 over the subject's submission and the results of the stages this one depends on.</param>
/// <param name="ConfigHash">SHA-256 over the configuration this stage reads.</param>
/// <param name="Result">What the stage produced, when it is done; its type is the stage's own (e.g. <see cref="BrainAgeResult"/>).</param>
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
    [property: Id(12)] StageResult? Result)
{
    public static StageRecord New(string stage) => new(stage, StageStatus.Pending, 0, 0, null, null, null, null, null, null);

    /// <summary>The result as the type its stage produces.</summary>
    /// <exception cref="InvalidOperationException">The stage has no result of that type (not done, or another stage's record).</exception>
    public T ResultAs<T>() where T : StageResult => Result as T
        ?? throw new InvalidOperationException($"Stage '{Stage}' ({Status}) holds {(Result is null ? "no result" : Result.GetType().Name)}, not a {typeof(T).Name}.");
}
