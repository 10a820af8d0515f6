using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Persistence;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A cohort's settings and counters (<see cref="ICohortGrain"/>); its members live in partition grains. It grants its
/// partitions slots (at most <see cref="CohortOptions.Concurrency"/> subjects in flight in all) and takes them back when
/// a partition runs out of waiting members. A reminder exists exactly while work is unfinished; each tick re-drives
/// the partitions (a subject whose silo died restarts elsewhere from its persisted state). Progress, statistics and
/// pages are gathered from the partitions on request.
/// </summary>
public sealed class CohortGrain(
    [PersistentState("cohort-members")] IPersistentState<CohortState> state,
    SubjectPipeline pipeline,
    IClusterMembershipService membership,
    IOptions<CohortOptions> options,
    TimeProvider time,
    ILogger<CohortGrain> logger) : Grain, ICohortGrain, ICohortCoordinator, IRemindable
{
    private const string RedriveReminder = "redrive";

    /// <summary>Batched submissions not yet committed, with when each was last touched (<see cref="CohortOptions.OpenSubmissionLifetime"/>).</summary>
    private readonly Dictionary<Guid, (List<SubjectSubmission> Subjects, DateTimeOffset Touched)> _submissions = [];

    /// <summary>Slots granted per partition, and what each last said about its work (null: not asked since activation).</summary>
    private int[] _slots = [];
    private PartitionStatus?[] _status = [];

    private string Name => this.GetPrimaryKeyString();

    private CohortOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version > CohortState.CurrentVersion)
            throw new InvalidOperationException(
                $"Cohort {Name} was written by a newer release (state version {state.State.Version}); run that release, or submit the cohort again under a new name.");
        ResetDriving();
        if (state.State.LegacyMembers is { Count: > 0 } legacy)
        {
            // The first release kept every member in this grain: move them into partitions; their subjects report again.
            logger.LogInformation("Cohort {Cohort}: moving {Members} members of the previous state layout into partitions.", Name, legacy.Count);
            await AddToPartitionsAsync([.. legacy.Values], legacy.Count);
            state.State.LegacyMembers = null;
            state.State.LegacySummaries = null;
            await state.WriteWithRetryAsync(logger, $"Cohort {Name}", cancellationToken);
            await DriveAsync(redrive: true);
        }
    }

    public async Task<SubmitResult> Submit(ImmutableArray<SubjectSubmission> subjects)
    {
        var id = await BeginSubmission(subjects.Length);
        await AddToSubmission(id, subjects);
        return await CommitSubmission(id);
    }

    public Task<Guid> BeginSubmission(int expectedSubjects)
    {
        CheckName();
        ForgetIdleSubmissions();
        var id = Guid.NewGuid();
        _submissions[id] = (new List<SubjectSubmission>(Math.Clamp(expectedSubjects, 0, 1_000_000)), time.GetUtcNow());
        return Task.FromResult(id);
    }

    public Task AddToSubmission(Guid submission, ImmutableArray<SubjectSubmission> subjects)
    {
        OpenSubmission(submission).AddRange(subjects);
        return Task.CompletedTask;
    }

    public async Task<SubmitResult> CommitSubmission(Guid submission)
    {
        var subjects = OpenSubmission(submission);
        _submissions.Remove(submission);
        CheckSubmission(subjects);
        var result = await AddToPartitionsAsync(subjects, subjects.Count);
        if (result.Added + result.Changed + result.Retried > 0) await DriveAsync(redrive: false);
        return result;
    }

    public async Task<CohortSettings> Reconfigure(ImmutableSortedDictionary<string, string> parameters)
    {
        var current = state.State.Settings;
        var merged = current.Parameters.SetItems(parameters);
        if (merged.SequenceEqual(current.Parameters)) return current;
        state.State.Settings = new CohortSettings(current.Version + 1, merged);
        await state.WriteWithRetryAsync(logger, $"Cohort {Name}");
        // Every member is unfinished under the new version until its subject says otherwise; those already working
        // pick up the new settings between stages.
        Array.Fill(_status, null);
        await DriveAsync(redrive: true);
        return state.State.Settings;
    }

    public async Task<RetryResult> Retry(string? stage, string? subjectId)
    {
        if (stage is not null && !pipeline.StageNames.Contains(stage))
            throw new CohortSubmissionException($"retry: stage '{stage}' is not one of {string.Join(", ", pipeline.StageNames)}.");
        if (state.State.Partitions == 0) return new RetryResult(0);
        var partitions = subjectId is null
            ? Enumerable.Range(0, state.State.Partitions)
            : [CohortPartitioning.Index(subjectId, state.State.Partitions)];
        var asked = partitions.ToList();
        var counts = await Task.WhenAll(asked.Select(p => Partition(p).Retry(stage, subjectId)));
        foreach (var (p, count) in asked.Zip(counts))
            if (count > 0) _status[p] = null;
        if (counts.Sum() > 0) await DriveAsync(redrive: false);
        return new RetryResult(counts.Sum());
    }

    public Task<CohortSettings> GetSettings() => Task.FromResult(state.State.Settings);

    public async Task<CohortProgress> GetProgress()
    {
        var settings = state.State.Settings;
        var parts = await Task.WhenAll(Partitions().Select(p => p.GetProgress(settings.Version)));
        var stages = pipeline.StageNames.ToList();
        var totals = stages.Select(s => new StageProgress(s, 0, 0, 0, 0)).ToArray();
        foreach (var part in parts)
            for (var i = 0; i < totals.Length; i++)
            {
                var p = part.Stages[i];
                totals[i] = totals[i] with
                {
                    Pending = totals[i].Pending + p.Pending, Running = totals[i].Running + p.Running,
                    Done = totals[i].Done + p.Done, Failed = totals[i].Failed + p.Failed,
                };
            }
        var failures = parts.SelectMany(p => p.Failures).OrderBy(f => f.SubjectId, StringComparer.Ordinal).Take(CohortProgress.MaxFailuresListed);
        return new CohortProgress(Name, settings.Version, parts.Sum(p => p.Members), [.. totals], [.. failures],
            parts.All(p => p.Unfinished == 0), parts.Sum(p => p.FailedSubjects));
    }

    public async Task<CohortStatisticsReport> GetStatistics()
    {
        var settings = state.State.Settings;
        var partitions = Partitions().ToList();
        var rows = (await Task.WhenAll(partitions.Select(p => p.GetRows(settings.Version)))).SelectMany(r => r)
            .OrderBy(r => r.SubjectId, StringComparer.Ordinal).ToList();
        return new CohortStatisticsReport(Name, settings.Version, state.State.Members, rows.Count, [.. CohortStatistics.Summarise(rows)]);
    }

    public Task<int> GetPageCount() => Task.FromResult(state.State.Partitions);

    public async Task<CohortPage> GetPage(int page)
    {
        if (page < 0 || page >= state.State.Partitions)
            throw new CohortSubmissionException($"cohort '{Name}' has pages 0 to {state.State.Partitions - 1}; page {page} does not exist.");
        return new CohortPage(page, state.State.Partitions, await Partition(page).GetMembers(state.State.Settings.Version));
    }

    public Task<bool> IsMember(string subjectId) => state.State.Partitions == 0
        ? Task.FromResult(false)
        : Partition(CohortPartitioning.Index(subjectId, state.State.Partitions)).Contains(subjectId);

    public async Task PartitionChanged(int generation, int index, PartitionStatus status)
    {
        if (generation != state.State.Generation || index >= _slots.Length) return;
        _status[index] = status;
        _slots[index] = status.InFlight;
        await DriveAsync(redrive: false);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RedriveReminder) return;
        logger.LogInformation("Cohort {Cohort}: re-driving its partitions ({InFlight} subjects in flight).", Name, _slots.Sum());
        await DriveAsync(redrive: true);
    }

    /// <summary>
    /// Grants free slots to partitions with waiting members and, with <paramref name="redrive"/>, asks every partition
    /// with unfinished members to start its in-flight subjects again. Holds the reminder while anything is unfinished.
    /// </summary>
    private async Task DriveAsync(bool redrive)
    {
        var settings = state.State.Settings;
        if (redrive)
        {
            // Everything not known to be finished is asked: after an activation nothing is known.
            var asked = Enumerable.Range(0, _slots.Length).Where(p => _status[p] is not { Unfinished: 0 }).ToList();
            var answers = await Task.WhenAll(asked.Select(p => TryDriveAsync(p, settings, _slots[p], redrive: true)));
            foreach (var (p, answer) in asked.Zip(answers)) Record(p, answer);
        }
        var concurrency = Concurrency();
        for (var p = 0; p < _slots.Length && _slots.Sum() < concurrency; p++)
        {
            if (_status[p] is { Waiting: 0 }) continue;
            Record(p, await TryDriveAsync(p, settings, _slots[p] + concurrency - _slots.Sum(), redrive: false));
        }
        var unfinished = _status.Any(s => s is not { Unfinished: 0 });
        var reminder = await this.GetReminder(RedriveReminder);
        if (unfinished && reminder is null)
            await this.RegisterOrUpdateReminder(RedriveReminder, Options.RedrivePeriod, Options.RedrivePeriod);
        else if (!unfinished && reminder is not null)
            await this.UnregisterReminder(reminder);
    }

    private void Record(int partition, PartitionStatus? status)
    {
        if (status is null) return;
        _status[partition] = status;
        _slots[partition] = status.InFlight;
    }

    /// <summary>A partition that cannot be reached now is left as it was; the next reminder tick asks it again.</summary>
    private async Task<PartitionStatus?> TryDriveAsync(int partition, CohortSettings settings, int slots, bool redrive)
    {
        try
        {
            return await Partition(partition).Drive(settings, slots, redrive);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Cohort {Cohort}: partition {Partition} could not be driven now ({Message}); the reminder retries.", Name, partition, ex.Message);
            return null;
        }
    }

    /// <summary>Adds members to their partitions (choosing the partition count for a new cohort, or moving into more partitions when it outgrew them).</summary>
    private async Task<SubmitResult> AddToPartitionsAsync(IReadOnlyList<SubjectSubmission> subjects, int expected)
    {
        if (state.State.Partitions == 0)
        {
            state.State.Partitions = CohortPartitioning.CountFor(expected, Options.PartitionCapacity);
            await state.WriteWithRetryAsync(logger, $"Cohort {Name}");
            ResetDriving();
        }
        else if (state.State.Members + subjects.Count > 2 * Options.PartitionCapacity * state.State.Partitions)
        {
            await RepartitionAsync(state.State.Members + subjects.Count);
        }
        var count = state.State.Partitions;
        var groups = subjects.GroupBy(s => CohortPartitioning.Index(s.SubjectId, count)).ToList();
        var results = new List<PartitionSubmitResult>(groups.Count);
        // Bounded: each partition write is a storage round trip, and a database has a connection limit.
        foreach (var batch in groups.Chunk(Options.SubmitParallelism))
            results.AddRange(await Task.WhenAll(batch.Select(g => Partition(g.Key).Add([.. g]))));
        var result = new SubmitResult(results.Sum(r => r.Added), results.Sum(r => r.Changed), results.Sum(r => r.Unchanged), results.Sum(r => r.Retried));
        foreach (var g in groups) _status[g.Key] = null;
        if (result.Added > 0)
        {
            state.State.Members += result.Added;
            await state.WriteWithRetryAsync(logger, $"Cohort {Name}");
        }
        return result;
    }

    /// <summary>
    /// Moves every member into a new generation of partitions sized for <paramref name="members"/>. The cohort's state
    /// switches to the new generation only after every member was copied, so a crash midway leaves the old one in use.
    /// </summary>
    private async Task RepartitionAsync(int members)
    {
        var (old, oldCount) = (state.State.Generation, state.State.Partitions);
        var generation = old + 1;
        var count = CohortPartitioning.CountFor(members, Options.PartitionCapacity);
        logger.LogInformation("Cohort {Cohort}: moving {Members} members from {Old} into {New} partitions.", Name, state.State.Members, oldCount, count);
        var drained = new List<PartitionMember>();
        for (var p = 0; p < oldCount; p++)
            drained.AddRange(await GrainFactory.GetGrain<ICohortPartitionGrain>(CohortPartitioning.Key(Name, old, p)).Drain());
        foreach (var batch in drained.GroupBy(m => CohortPartitioning.Index(m.Submission.SubjectId, count)).Chunk(Options.SubmitParallelism))
            await Task.WhenAll(batch.Select(g => GrainFactory.GetGrain<ICohortPartitionGrain>(CohortPartitioning.Key(Name, generation, g.Key)).Load([.. g])));
        (state.State.Generation, state.State.Partitions) = (generation, count);
        await state.WriteWithRetryAsync(logger, $"Cohort {Name}");
        ResetDriving();
    }

    private void ResetDriving()
    {
        _slots = new int[state.State.Partitions];
        _status = new PartitionStatus?[state.State.Partitions];
    }

    private IEnumerable<ICohortPartitionGrain> Partitions() => Enumerable.Range(0, state.State.Partitions).Select(Partition);

    private ICohortPartitionGrain Partition(int index) =>
        GrainFactory.GetGrain<ICohortPartitionGrain>(CohortPartitioning.Key(Name, state.State.Generation, index));

    private int Concurrency()
    {
        if (Options.Concurrency > 0) return Options.Concurrency;
        var silos = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Math.Max(1, silos) * CohortOptions.DefaultSlotsPerSilo;
    }

    /// <summary>The open submission, marked as touched now.</summary>
    private List<SubjectSubmission> OpenSubmission(Guid submission)
    {
        ForgetIdleSubmissions();
        if (!_submissions.TryGetValue(submission, out var open))
            throw new CohortSubmissionException(
                $"Cohort '{Name}': submission {submission} is not open (never begun, already committed, idle for more than {Options.OpenSubmissionLifetime}, or lost when its silo stopped); submit again.");
        _submissions[submission] = open with { Touched = time.GetUtcNow() };
        return open.Subjects;
    }

    /// <summary>Drops submissions whose client stopped sending (e.g. died mid-submit), so their rows do not stay in memory.</summary>
    private void ForgetIdleSubmissions()
    {
        var now = time.GetUtcNow();
        foreach (var (id, open) in _submissions.Where(s => now - s.Value.Touched > Options.OpenSubmissionLifetime).ToList())
        {
            _submissions.Remove(id);
            logger.LogWarning("Cohort {Cohort}: submission {Submission} was idle for {Idle} with {Subjects} subjects and is dropped; its client must submit again.",
                Name, id, now - open.Touched, open.Subjects.Count);
        }
    }

    private void CheckName()
    {
        if (SubjectKey.Problem(Name) is { } nameProblem)
            throw new CohortSubmissionException($"Cohort name '{Name}' {nameProblem}.");
    }

    private void CheckSubmission(IReadOnlyList<SubjectSubmission> subjects)
    {
        CheckName();
        var problems = subjects.Select((s, i) => (s, i))
            .Where(x => SubjectKey.Problem(x.s.SubjectId) is not null)
            .Select(x => $"subject {x.i + 1} ('{SubjectKey.Escape(x.s.SubjectId)}') {SubjectKey.Problem(x.s.SubjectId)}").ToList();
        problems.AddRange(subjects.Select((s, i) => (s.SubjectId, Position: i + 1))
            .GroupBy(x => x.SubjectId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"subject id '{SubjectKey.Escape(g.Key)}' appears {g.Count()} times (positions {string.Join(", ", g.Select(x => x.Position))})"));
        if (problems.Count > 0)
            throw new CohortSubmissionException($"Cohort '{Name}' submission refused: {string.Join("; ", problems)}.");
    }
}
