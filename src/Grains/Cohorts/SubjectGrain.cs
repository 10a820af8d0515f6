using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Inference;
using RelevanceRelated.Grains.Persistence;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Grains.Telemetry;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// Runs one subject's stages in order in the background and reports each transition to its partition. A stage's
/// start (Running, attempt counted) is written before it runs and its end after, so a silo that dies mid-stage leaves
/// a Running record that the cohort's reminder re-drives on another silo. An attempt counts only once its start is
/// persisted: while storage is unreachable nothing is counted, and the reminder tries again later.
/// </summary>
public sealed class SubjectGrain(
    [PersistentState("subject-pipeline")] IPersistentState<SubjectState> state,
    SubjectPipeline pipeline,
    PipelineOptions options,
    TimeProvider clock,
    ILogger<SubjectGrain> logger) : Grain, ISubjectGrain, ISubjectWorker
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    private bool Busy => _run is { IsCompleted: false };

    private (string Cohort, string SubjectId) Key => SubjectKey.Parse(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version > SubjectState.CurrentVersion)
            throw new InvalidOperationException(
                $"Subject {this.GetPrimaryKeyString()} was written by a newer release (state version {state.State.Version}); run that release.");
        var untyped = state.State.Stages.Values.Where(r => r.Status == StageStatus.Done && r.Result is null).Select(r => r.Stage).ToList();
        if (untyped.Count > 0)
        {
            // Written by the first release (results as string-keyed values): the stages run again, reusing stored inputs.
            logger.LogInformation("Subject {Subject}: stages {Stages} hold results of the previous state layout; they will run again.",
                this.GetPrimaryKeyString(), string.Join(", ", untyped));
            foreach (var stage in untyped) state.State.Stages[stage] = StageRecord.New(stage);
        }
        return Task.CompletedTask;
    }

    public async Task<SubjectReport> Start(SubjectAssignment assignment)
    {
        var submission = assignment.Submission;
        if (submission.SubjectId != Key.SubjectId)
            throw new ArgumentException($"Submission for subject '{submission.SubjectId}' sent to subject grain '{this.GetPrimaryKeyString()}'.", nameof(assignment));
        // Settings are compared by version: the cohort bumps it whenever a parameter changes.
        if (submission != state.State.Submission || assignment.Settings.Version != state.State.Settings.Version
            || assignment.Partition != state.State.Partition || state.State.Version != SubjectState.CurrentVersion)
        {
            var before = (state.State.Submission, state.State.Settings, state.State.Partition, state.State.Version);
            (state.State.Submission, state.State.Settings, state.State.Partition, state.State.Version) =
                (submission, assignment.Settings, assignment.Partition, SubjectState.CurrentVersion);
            try
            {
                await state.WriteWithRetryAsync(logger, $"Subject {this.GetPrimaryKeyString()}");
            }
            catch
            {
                (state.State.Submission, state.State.Settings, state.State.Partition, state.State.Version) = before;
                throw;
            }
        }
        if (!Busy && Plans().Any(p => p.Action != StageAction.None)) _run = RunAsync();
        return Report(Busy);
    }

    public async Task<SubjectSummary> Retry(string? stage)
    {
        var names = pipeline.StageNames.ToList();
        var from = stage is null ? 0 : names.IndexOf(stage);
        var failed = names.Skip(Math.Max(0, from))
            .Where(n => state.State.Stages.TryGetValue(n, out var r) && r.Status == StageStatus.Failed).ToList();
        if (failed.Count == 0 || Busy) return Summary(Busy);
        var before = failed.ToDictionary(n => n, n => state.State.Stages[n]);
        // Pending with no hashes: the pipeline runs it again (attempts and completions are kept for the record).
        foreach (var name in failed) state.State.Stages[name] = before[name] with { Status = StageStatus.Pending, LastError = null, InputHash = null, ConfigHash = null };
        try
        {
            await state.WriteWithRetryAsync(logger, $"Subject {this.GetPrimaryKeyString()}");
        }
        catch
        {
            foreach (var (name, record) in before) state.State.Stages[name] = record;
            throw;
        }
        return Summary(Busy);
    }

    public async Task<bool> RetryIfInputsChanged()
    {
        if (Busy || state.State.Submission is not { } submission) return false;
        var ingest = state.State.Stages.GetValueOrDefault(StageNames.Ingest);
        bool changed;
        if (ingest is { Status: StageStatus.Failed }) changed = true;
        else if (ingest?.Result is IngestResult ingested && state.State.Stages.Values.Any(r => r.Status == StageStatus.Failed))
        {
            (string Role, string? Path)[] inputs =
            [
                (IngestResult.T1, submission.Inputs.T1), (IngestResult.Flair, submission.Inputs.Flair), (IngestResult.LesionProbability, submission.Inputs.LesionProbability),
                (IngestResult.FractionalAnisotropy, submission.Inputs.FractionalAnisotropy),
                .. submission.Inputs.PreparedInputs().Select(p => (IngestResult.Prepared(p.Key), (string?)p.Value)),
            ];
            // Reading a few files of a failed subject again is cheap next to analysing it again for nothing.
            changed = inputs.Any(i => i.Path is not null && ingested.Image(i.Role)?.SourceFingerprint is { } recorded
                && ImageFingerprint.Of(DataRoot.Resolve(options.DataRoot, i.Path, i.Role)) != recorded)
                // Transform files were recorded by their resolved path and SHA-256 (a registration's result has none).
                || (ingested.Transforms.IsDefault ? [] : ingested.Transforms).SelectMany(c => c.Files)
                    .Any(f => f.SourceFingerprint is { } recorded && ImageFingerprint.Of(f.Source) != recorded);
        }
        else changed = false;
        if (!changed) return false;
        var before = new Dictionary<string, StageRecord>(state.State.Stages, StringComparer.Ordinal);
        // Pending with no hashes: every stage runs again from the stored inputs of a new ingest.
        foreach (var (name, record) in before) state.State.Stages[name] = record with { Status = StageStatus.Pending, LastError = null, InputHash = null, ConfigHash = null };
        try
        {
            await state.WriteWithRetryAsync(logger, $"Subject {this.GetPrimaryKeyString()}");
        }
        catch
        {
            state.State.Stages = before;
            throw;
        }
        return true;
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
        DelayDeactivation(PipelineOptions.StageTimeout);
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
                    await RecordAsync(Current(plan.Stage.Name) with
                    {
                        Status = StageStatus.Failed, LastError = plan.Reason, InputHash = plan.InputHash, ConfigHash = plan.ConfigHash,
                        Finished = clock.GetUtcNow(), Result = null,
                    });
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
            // Persistence failed after retries (storage unreachable): the stage stays as last written and the reminder retries.
            logger.LogError("Subject {Subject} stopped: its state could not be written ({Message}); the cohort's reminder starts it again.",
                this.GetPrimaryKeyString(), ex.Message);
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
            var report = Report(busy: false);
            ReportToPartition(report);
            // A finished subject has nothing to do until its cohort asks again: its memory is better spent on the next.
            if (report.Summary.Finished) DeactivateOnIdle();
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
        await RecordAsync(record);
        ReportToPartition(Report(busy: true));
        StageTelemetry.StageStarted(stage.Name);

        var context = new StageContext(Key.Cohort, state.State.Submission!, state.State.Settings,
            stage.DependsOn.ToImmutableSortedDictionary(d => d, d => state.State.Stages[d], StringComparer.Ordinal));
        try
        {
            var result = stage.UsesAccelerator
                ? await GrainFactory.GetGrain<IInferenceGrain>(this.GetPrimaryKeyString()).Run(stage.Name, context, _stopping.Token)
                // Off the activation's scheduler: stages are long, CPU-bound calls into src/Analysis.
                : await Task.Run(() => stage.RunAsync(context, _stopping.Token), _stopping.Token);
            record = record with { Status = StageStatus.Done, Completions = record.Completions + 1, Finished = clock.GetUtcNow(), Result = result };
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
            record = record with { Status = StageStatus.Failed, Finished = clock.GetUtcNow(), LastError = Reason(ex), Result = null };
            logger.LogWarning("Stage {Stage} of {Subject} failed: {Reason}", stage.Name, this.GetPrimaryKeyString(), record.LastError);
        }
        StageTelemetry.StageEnded(record);
        await RecordAsync(record);
        ReportToPartition(Report(busy: true));
        return true;
    }

    /// <summary>Bad input speaks for itself; anything else is named by its type so the user can tell a bug from bad data.</summary>
    private static string Reason(Exception ex) => ex is InvalidInputException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";

    private StageRecord Current(string stage) => state.State.Stages.GetValueOrDefault(stage) ?? StageRecord.New(stage);

    /// <summary>Writes a stage's new record; when the write fails the previous record stays, so nothing unpersisted is ever counted.</summary>
    private async Task RecordAsync(StageRecord record)
    {
        var previous = state.State.Stages.GetValueOrDefault(record.Stage);
        state.State.Stages[record.Stage] = record;
        try
        {
            await state.WriteWithRetryAsync(logger, $"Subject {this.GetPrimaryKeyString()}");
        }
        catch
        {
            if (previous is null) state.State.Stages.Remove(record.Stage);
            else state.State.Stages[record.Stage] = previous;
            throw;
        }
    }

    /// <summary>A Running record with no work under way was interrupted: to the cohort it is pending again.</summary>
    private SubjectSummary Summary(bool busy) => new(Key.SubjectId, state.State.Settings.Version, busy,
        [.. Plans().Select(p => new StageSummary(p.Stage.Name, !busy && p.Status == StageStatus.Running ? StageStatus.Pending : p.Status, p.Error))]);

    /// <summary>The summary and, once finished, the subject's feature row and the artifacts its stages stored.</summary>
    private SubjectReport Report(bool busy)
    {
        var summary = Summary(busy);
        if (!summary.Finished) return new SubjectReport(summary, null, ImmutableSortedDictionary<string, ArtifactReference>.Empty);
        var results = state.State.Stages.Values.Where(r => r.Status == StageStatus.Done).Select(r => r.Result).OfType<StageResult>().ToList();
        var artifacts = results.SelectMany(r => r.Artifacts()).Where(a => CohortMember.Keeps(a.Role)).GroupBy(a => a.Role, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Last().Artifact, StringComparer.Ordinal);
        return new SubjectReport(summary, Row(results), artifacts);
    }

    /// <summary>The cohort's row of this subject, when its features stage succeeded: covariates, PVS census, what each model found.</summary>
    private SubjectFeatureRow? Row(IReadOnlyList<StageResult> results)
    {
        if (results.OfType<FeaturesResult>().FirstOrDefault() is not { } features || state.State.Submission is not { } submission) return null;
        return new SubjectFeatureRow(submission.SubjectId, submission.Covariates.Age, submission.Covariates.Sex, features.Models,
            results.OfType<PvsResult>().FirstOrDefault()?.Census, features.Lesions);
    }

    private void ReportToPartition(SubjectReport report)
    {
        if (state.State.Partition is not { } partition) return;
        try
        {
            GrainFactory.GetGrain<ICohortPartitionGrain>(partition).Report(report).Ignore();
        }
        catch (Exception ex)
        {
            // A report is advisory (the cohort's reminder asks again); a stopping silo may refuse to send it.
            logger.LogWarning("Subject {Subject} could not report to its partition: {Message}", this.GetPrimaryKeyString(), ex.Message);
        }
    }
}
