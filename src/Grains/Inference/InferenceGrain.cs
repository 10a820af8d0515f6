using RelevanceRelated.Contracts;
using Microsoft.Extensions.Logging;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Grains.Inference;

/// <summary>
/// Executes an accelerated stage on the silo the placement filter chose. Models come from the silo's shared
/// <see cref="RelevanceRelated.Analysis.Models.ModelRegistry"/>, so a session is created once per silo however many
/// subjects pass through. The work runs on a dedicated thread (<see cref="InferenceRunner"/>), not on the grain's
/// scheduler nor the thread pool the silo's messaging needs.
/// </summary>
[AcceleratorPlacement]
public sealed class InferenceGrain(
    SubjectPipeline pipeline, InferenceRunner runner, ILocalSiloDetails silo, ILogger<InferenceGrain> logger) : Grain, IInferenceGrain
{
    private readonly CancellationTokenSource _deactivating = new();

    public async Task<StageResult> Run(string stage, StageContext context, CancellationToken cancellationToken)
    {
        var subjectStage = pipeline.Stages.FirstOrDefault(s => s.Name == stage)
            ?? throw new ArgumentException($"Stage '{stage}' is not registered on silo {silo.Name}.", nameof(stage));
        if (!subjectStage.UsesAccelerator)
            throw new ArgumentException($"Stage '{stage}' does not run on inference silos.", nameof(stage));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deactivating.Token);
        // Keep the activation while a long stage runs; the collector would otherwise see it as idle.
        DelayDeactivation(PipelineOptions.StageTimeout);
        try
        {
            logger.LogDebug("Stage {Stage} of {Subject} runs on {Silo}", stage, this.GetPrimaryKeyString(), silo.Name);
            return await runner.RunAsync(() => subjectStage.RunAsync(context, linked.Token), linked.Token);
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    public Task<string> SiloName() => Task.FromResult(silo.Name);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A stopping silo interrupts the stage; the subject grain leaves it Running for the cohort to re-drive.
        _deactivating.Cancel();
        return Task.CompletedTask;
    }
}
