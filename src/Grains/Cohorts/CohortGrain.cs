using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// Keeps a cohort's members and drives them: at most <see cref="CohortOptions.Concurrency"/> subjects in flight,
/// the next one started as each finishes. A reminder exists exactly while work is unfinished; each tick re-drives
/// subjects in flight (a subject whose silo died restarts elsewhere from its persisted state) and starts waiting ones.
/// </summary>
public sealed class CohortGrain(
    [PersistentState("cohort-members")] IPersistentState<CohortState> state,
    SubjectPipeline pipeline,
    IClusterMembershipService membership,
    IOptions<CohortOptions> options,
    ILogger<CohortGrain> logger) : Grain, ICohortGrain, IRemindable
{
    private const string RedriveReminder = "redrive";
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private IGrainTimer? _pendingWrite;

    private string Name => this.GetPrimaryKeyString();

    public async Task<SubmitResult> Submit(ImmutableArray<SubjectSubmission> subjects)
    {
        CheckSubmission(subjects);
        int added = 0, changed = 0, unchanged = 0;
        var updates = new List<SubjectSubmission>();
        foreach (var subject in subjects)
        {
            if (state.State.Members.TryGetValue(subject.SubjectId, out var known) && known == subject) { unchanged++; continue; }
            if (known is null) added++; else changed++;
            updates.Add(subject);
        }
        if (updates.Count == 0) return new SubmitResult(added, changed, unchanged);
        await Task.WhenAll(updates.Select(s => Subject(s.SubjectId).Submit(s)));
        foreach (var subject in updates)
        {
            state.State.Members[subject.SubjectId] = subject;
            state.State.Summaries.Remove(subject.SubjectId);
        }
        await state.WriteStateAsync();
        await DriveAsync();
        return new SubmitResult(added, changed, unchanged);
    }

    public async Task<CohortSettings> Reconfigure(ImmutableSortedDictionary<string, string> parameters)
    {
        var current = state.State.Settings;
        var merged = current.Parameters.SetItems(parameters);
        if (merged.SequenceEqual(current.Parameters)) return current;
        state.State.Settings = new CohortSettings(current.Version + 1, merged);
        await state.WriteStateAsync();
        // Subjects already working pick up the new settings between stages.
        await Task.WhenAll(_inFlight.Select(TryStartAsync));
        await DriveAsync();
        return state.State.Settings;
    }

    public Task<CohortSettings> GetSettings() => Task.FromResult(state.State.Settings);

    public Task<CohortProgress> GetProgress()
    {
        var stages = pipeline.StageNames.ToList();
        var counts = stages.ToDictionary(s => s, _ => new int[4]);
        var failures = ImmutableArray.CreateBuilder<SubjectFailure>();
        foreach (var id in state.State.Members.Keys.Order(StringComparer.Ordinal))
        {
            var summary = state.State.Summaries.GetValueOrDefault(id);
            foreach (var stage in stages)
                counts[stage][(int)(summary?.Stages.FirstOrDefault(s => s.Stage == stage)?.Status ?? StageStatus.Pending)]++;
            if (summary?.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed) is { } failed)
                failures.Add(new SubjectFailure(id, failed.Stage, failed.Error ?? "failed"));
        }
        return Task.FromResult(new CohortProgress(Name, state.State.Settings.Version, state.State.Members.Count,
            [.. stages.Select(s => new StageProgress(s, counts[s][0], counts[s][1], counts[s][2], counts[s][3]))],
            failures.ToImmutable(), AllFinished()));
    }

    public Task<ImmutableArray<string>> GetMembers() =>
        Task.FromResult(state.State.Members.Keys.Order(StringComparer.Ordinal).ToImmutableArray());

    public async Task Report(SubjectSummary summary)
    {
        if (!state.State.Members.ContainsKey(summary.SubjectId)) return;
        var wasFinished = IsFinished(summary.SubjectId);
        state.State.Summaries[summary.SubjectId] = summary;
        if (IsFinished(summary.SubjectId))
        {
            _inFlight.Remove(summary.SubjectId);
            ScheduleWrite();
            await DriveAsync();
        }
        else if (wasFinished)
        {
            // Reports are one-way and may arrive out of order: a busy report overtaken by the subject's final one
            // would leave the cohort waiting with its reminder already gone. Driving asks the subject again.
            await DriveAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RedriveReminder) return;
        logger.LogInformation("Cohort {Cohort}: re-driving {InFlight} subjects in flight; {Unfinished} of {Members} unfinished.",
            Name, _inFlight.Count, state.State.Members.Keys.Count(id => !IsFinished(id)), state.State.Members.Count);
        // Idempotent: a subject still working says so; one whose silo died reactivates and resumes.
        await Task.WhenAll(_inFlight.ToList().Select(TryStartAsync));
        await DriveAsync();
    }

    /// <summary>Starts waiting subjects up to the concurrency limit; holds the reminder while anything is unfinished.</summary>
    private async Task DriveAsync()
    {
        var waiting = state.State.Members.Keys.Order(StringComparer.Ordinal)
            .Where(id => !_inFlight.Contains(id) && !IsFinished(id))
            .Take(Math.Max(0, Concurrency() - _inFlight.Count)).ToList();
        _inFlight.UnionWith(waiting);
        await Task.WhenAll(waiting.Select(TryStartAsync));
        if (AllFinished())
        {
            await WriteNowAsync();
            if (await this.GetReminder(RedriveReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        else if (await this.GetReminder(RedriveReminder) is null)
        {
            await this.RegisterOrUpdateReminder(RedriveReminder, options.Value.RedrivePeriod, options.Value.RedrivePeriod);
        }
    }

    /// <summary>Writes the state once after <see cref="CohortOptions.StateWriteDelay"/>, however many reports arrive meanwhile.</summary>
    private void ScheduleWrite() => _pendingWrite ??= this.RegisterGrainTimer(
        _ => WriteNowAsync(), new GrainTimerCreationOptions(options.Value.StateWriteDelay, Timeout.InfiniteTimeSpan));

    private async Task WriteNowAsync()
    {
        _pendingWrite?.Dispose();
        _pendingWrite = null;
        await state.WriteStateAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pendingWrite is null) return;
        try
        {
            await WriteNowAsync();
        }
        catch (Exception ex)
        {
            // Not fatal: the next activation's reminder asks every unfinished subject again.
            logger.LogWarning("Cohort {Cohort}: state not written on deactivation ({Message}).", Name, ex.Message);
        }
    }

    /// <summary>Starts (or re-drives) a subject; one that cannot be reached now stays in flight for the next reminder tick.</summary>
    private async Task TryStartAsync(string id)
    {
        try
        {
            Apply(await Subject(id).Start(state.State.Settings));
        }
        catch (Exception ex)
        {
            logger.LogWarning("Cohort {Cohort}: subject {Subject} could not be started now ({Message}); the reminder retries.", Name, id, ex.Message);
        }
    }

    private void Apply(SubjectSummary summary)
    {
        state.State.Summaries[summary.SubjectId] = summary;
        if (IsFinished(summary.SubjectId)) _inFlight.Remove(summary.SubjectId);
    }

    private bool IsFinished(string id) =>
        state.State.Summaries.GetValueOrDefault(id) is { Finished: true } s && s.ConfigurationVersion == state.State.Settings.Version;

    private bool AllFinished() => state.State.Members.Keys.All(IsFinished);

    private int Concurrency()
    {
        if (options.Value.Concurrency > 0) return options.Value.Concurrency;
        var silos = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Math.Max(1, silos) * CohortOptions.DefaultSlotsPerSilo;
    }

    private ISubjectGrain Subject(string id) => GrainFactory.GetGrain<ISubjectGrain>(SubjectKey.Of(Name, id));

    private void CheckSubmission(ImmutableArray<SubjectSubmission> subjects)
    {
        if (SubjectKey.Problem(Name) is { } nameProblem)
            throw new CohortSubmissionException($"Cohort name '{Name}' {nameProblem}.");
        var problems = subjects.Select((s, i) => (s, i))
            .Where(x => SubjectKey.Problem(x.s.SubjectId) is not null)
            .Select(x => $"subject {x.i + 1} ('{x.s.SubjectId}') {SubjectKey.Problem(x.s.SubjectId)}").ToList();
        problems.AddRange(subjects.Select((s, i) => (s.SubjectId, Position: i + 1))
            .GroupBy(x => x.SubjectId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"subject id '{g.Key}' appears {g.Count()} times (positions {string.Join(", ", g.Select(x => x.Position))})"));
        if (problems.Count > 0)
            throw new CohortSubmissionException($"Cohort '{Name}' submission refused: {string.Join("; ", problems)}.");
    }
}
