using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using RelevanceRelated.Analysis;
using RelevanceRelated.Grains.Inference;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Grains.Telemetry;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// Runs one subject's stages in order in the background and reports each transition to its cohort. State is
/// written before a stage starts (Running, attempt counted) and after it ends, so a silo that dies mid-stage
/// leaves a Running record that the cohort's reminder re-drives on another silo.
/// </summary>
public sealed class SubjectGrain(
    [PersistentState("subject-pipeline")] IPersistentState<SubjectState> state,
    SubjectPipeline pipeline,
    TimeProvider clock,
    ILogger<SubjectGrain> logger) : Grain, ISubjectGrain
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    private bool Busy => _run is { IsCompleted: false };

    private (string Cohort, string SubjectId) Key => SubjectKey.Parse(this.GetPrimaryKeyString());

    public async Task<bool> Submit(SubjectSubmission submission)
    {
        if (submission.SubjectId != Key.SubjectId)
            throw new ArgumentException($"Submission for subject '{submission.SubjectId}' sent to subject grain '{this.GetPrimaryKeyString()}'.", nameof(submission));
        if (submission == state.State.Submission) return false;
        state.State.Submission = submission;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<SubjectSummary> Start(CohortSettings settings)
    {
        if (settings.Version != state.State.Settings.Version || settings.Parameters != state.State.Settings.Parameters)
        {
            state.State.Settings = settings;
            await state.WriteStateAsync();
        }
        if (!Busy && Plans().Any(p => p.Action != StageAction.None)) _run = RunAsync();
        return Summary(Busy);
    }

    public Task<SubjectDetails> GetDetails() => Task.FromResult(new SubjectDetails(
        Key.Cohort, Key.SubjectId, state.State.Submission, state.State.Settings,
        [.. pipeline.StageNames.Select(name => state.State.Stages.GetValueOrDefault(name) ?? StageRecord.New(name))]));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private IReadOnlyList<StagePlan> Plans() => pipeline.Evaluate(state.State.Submission, state.State.Settings, state.State.Stages);

    private async Task RunAsync()
    {
        // Long stages must not look idle to the activation collector.
        DelayDeactivation(TimeSpan.FromHours(6));
        try
        {
            while (!_stopping.IsCancellationRequested && Plans().FirstOrDefault(p => p.Action != StageAction.None) is { } plan)
            {
                if (plan.Action == StageAction.Run)
                {
                    if (!await RunStageAsync(plan)) return;
                }
                else
                {
                    Record(Current(plan.Stage.Name) with
                    {
                        Status = StageStatus.Failed, LastError = plan.Reason, InputHash = plan.InputHash, ConfigHash = plan.ConfigHash,
                        Finished = clock.GetUtcNow(),
                    });
                    await state.WriteStateAsync();
                }
            }
        }
        catch (InconsistentStateException ex)
        {
            // Another activation (e.g. on the silo that took over after a crash) wrote first: reload from storage on the next call.
            logger.LogWarning("Subject {Subject} lost a write race ({Message}); deactivating to reload its state.", this.GetPrimaryKeyString(), ex.Message);
            DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            // Persistence failed (e.g. storage unreachable); the stage stays as last written and the reminder retries.
            logger.LogError(ex, "Subject {Subject} stopped: {Message}", this.GetPrimaryKeyString(), ex.Message);
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
            ReportToCohort(busy: false);
        }
    }

    /// <returns>False when the stage was interrupted (the silo is stopping): it stays Running for another silo.</returns>
    private async Task<bool> RunStageAsync(StagePlan plan)
    {
        var stage = plan.Stage;
        var record = Current(stage.Name) with
        {
            Status = StageStatus.Running, Attempts = Current(stage.Name).Attempts + 1, LastError = null,
            Started = clock.GetUtcNow(), Finished = null, InputHash = plan.InputHash, ConfigHash = plan.ConfigHash,
        };
        Record(record);
        await state.WriteStateAsync();
        ReportToCohort(busy: true);
        StageTelemetry.StageStarted(stage.Name);

        var context = new StageContext(Key.Cohort, state.State.Submission!, state.State.Settings,
            stage.DependsOn.ToImmutableSortedDictionary(d => d, d => state.State.Stages[d], StringComparer.Ordinal));
        try
        {
            var output = stage.UsesAccelerator
                ? await GrainFactory.GetGrain<IInferenceGrain>(this.GetPrimaryKeyString()).Run(stage.Name, context, _stopping.Token)
                // Off the activation's scheduler: stages are long, CPU-bound calls into src/Analysis.
                : await Task.Run(() => stage.RunAsync(context, _stopping.Token), _stopping.Token);
            record = record with
            {
                Status = StageStatus.Done, Completions = record.Completions + 1, Finished = clock.GetUtcNow(),
                Artifacts = output.Artifacts, Values = output.Values, Facts = output.Facts,
            };
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stage {Stage} of {Subject} was interrupted; it stays running for the cohort to re-drive.", stage.Name, this.GetPrimaryKeyString());
            return false;
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException)
        {
            // The inference silo died or is shutting down: like an interruption, the cohort re-drives the stage.
            logger.LogWarning("Stage {Stage} of {Subject} lost its inference silo ({Message}); it stays running for the cohort to re-drive.",
                stage.Name, this.GetPrimaryKeyString(), ex.Message);
            return false;
        }
        catch (Exception ex)
        {
            record = record with
            {
                Status = StageStatus.Failed, Finished = clock.GetUtcNow(), LastError = Reason(ex),
                Artifacts = ImmutableSortedDictionary<string, ArtifactReference>.Empty,
                Values = ImmutableSortedDictionary<string, double>.Empty, Facts = ImmutableSortedDictionary<string, string>.Empty,
            };
            logger.LogWarning("Stage {Stage} of {Subject} failed: {Reason}", stage.Name, this.GetPrimaryKeyString(), record.LastError);
        }
        StageTelemetry.StageEnded(record);
        Record(record);
        await state.WriteStateAsync();
        ReportToCohort(busy: true);
        return true;
    }

    /// <summary>Bad input speaks for itself; anything else is named by its type so the user can tell a bug from bad data.</summary>
    private static string Reason(Exception ex) => ex is InvalidInputException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";

    private StageRecord Current(string stage) => state.State.Stages.GetValueOrDefault(stage) ?? StageRecord.New(stage);

    private void Record(StageRecord record) => state.State.Stages[record.Stage] = record;

    /// <summary>A Running record with no work under way was interrupted: to the cohort it is pending again.</summary>
    private SubjectSummary Summary(bool busy) => new(Key.SubjectId, state.State.Settings.Version, busy,
        [.. Plans().Select(p => new StageSummary(p.Stage.Name, !busy && p.Status == StageStatus.Running ? StageStatus.Pending : p.Status, p.Error))]);

    private void ReportToCohort(bool busy)
    {
        try
        {
            GrainFactory.GetGrain<ICohortGrain>(Key.Cohort).Report(Summary(busy)).Ignore();
        }
        catch (Exception ex)
        {
            // A report is advisory (the cohort's reminder asks again); a stopping silo may refuse to send it.
            logger.LogWarning("Subject {Subject} could not report to its cohort: {Message}", this.GetPrimaryKeyString(), ex.Message);
        }
    }
}
