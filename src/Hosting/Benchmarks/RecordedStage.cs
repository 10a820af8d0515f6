using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Hosting.Benchmarks;

/// <summary>
/// A pipeline stage that replays a recorded result instead of computing one: subject i gets the result the
/// recording's subject i mod n got. The scale benchmark runs the real grains, persistence and bookkeeping with these
/// in place of the imaging, so it measures orchestration, not analysis.
/// </summary>
public sealed class RecordedStage(string name, IReadOnlyList<string> dependsOn, CohortRecording recording) : ISubjectStage
{
    public string Name => name;

    public IReadOnlyList<string> DependsOn => dependsOn;

    public string ConfigurationHash(CohortSettings settings) => StageHash.Of("recorded", name);

    public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult(recording.Result(context.Submission.SubjectId, name));
}
