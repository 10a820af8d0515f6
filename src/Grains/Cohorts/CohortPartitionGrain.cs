using RelevanceRelated.Analysis.Artifacts;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelevanceRelated.Analysis.Reports;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Persistence;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Grains.Cohorts;

/// <summary>
/// A share of a cohort's members (<see cref="ICohortPartitionGrain"/>). Submissions are written before
/// <see cref="Add"/> returns. Finished members' rows are written in snapshots, once a share of the partition
/// (<see cref="CohortOptions.SnapshotShare"/>) has finished since the last one and when none is left unfinished, so a
/// finished subject costs a fraction of its partition's state, whatever the cohort's size. A row lost with a crash
/// between snapshots is not lost work: the subject grain holds its results, and the cohort's reminder asks it again.
/// </summary>
public sealed class CohortPartitionGrain(
    [PersistentState("cohort-partition")] IPersistentState<PartitionState> state,
    SubjectPipeline pipeline,
    IOptions<CohortOptions> options,
    ILogger<CohortPartitionGrain> logger) : Grain, ICohortPartitionGrain
{
    /// <summary>Reports of members not persisted as finished under the current settings (running, failed, or finished since the last snapshot).</summary>
    private readonly Dictionary<string, SubjectSummary> _latest = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private CohortSettings? _settings;
    private int _slots;
    private int _unsaved;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version > PartitionState.CurrentVersion)
            throw new InvalidOperationException(
                $"Partition {Key} was written by a newer release (state version {state.State.Version}); run that release, or remove the cohort and submit it again.");
        return Task.CompletedTask;
    }

    public async Task<PartitionSubmitResult> Add(ImmutableArray<SubjectSubmission> subjects)
    {
        int added = 0, changed = 0, unchanged = 0, retried = 0;
        foreach (var subject in subjects)
        {
            var id = subject.SubjectId;
            if (state.State.Members.TryGetValue(id, out var known) && known.Submission == subject)
            {
                unchanged++;
                if (Latest(id)?.Stages.Any(s => s.Status == StageStatus.Failed) == true && await InputsChangedAsync(id))
                {
                    state.State.Members[id] = known with { Finished = null };
                    _latest.Remove(id);
                    retried++;
                }
                continue;
            }
            if (known is null) added++; else changed++;
            state.State.Members[id] = PartitionMember.New(subject);
            _latest.Remove(id);
        }
        if (added + changed + retried > 0) await WriteAsync();
        return new PartitionSubmitResult(added, changed, unchanged, retried);
    }

    /// <summary>Asks a failed subject whether its files changed (it then runs again); one that cannot answer now stays failed.</summary>
    private async Task<bool> InputsChangedAsync(string id)
    {
        try
        {
            return await Subject(id).RetryIfInputsChanged();
        }
        catch (Exception ex)
        {
            logger.LogWarning("Partition {Partition}: subject {Subject} could not check its inputs ({Message}); it stays failed.", Key, id, ex.Message);
            return false;
        }
    }

    public async Task<PartitionStatus> Drive(CohortSettings settings, int slots, bool redrive)
    {
        _settings = settings;
        _slots = slots;
        if (redrive) await Task.WhenAll(_inFlight.ToList().Select(StartAsync));
        // The cohort learns this partition's status from the answer; no notice needed.
        await FillAsync(giveBackSlots: false);
        return Status();
    }

    public async Task Report(SubjectReport report)
    {
        var id = report.Summary.SubjectId;
        // A report for a member this partition no longer holds (moved to a new generation, or resubmitted): ignore it.
        if (!state.State.Members.TryGetValue(id, out var member)) return;
        if (!Apply(report, member)) return;
        await SnapshotIfDueAsync();
        await FillAsync(giveBackSlots: true);
    }

    public Task<PartitionProgress> GetProgress(int configurationVersion)
    {
        var stages = pipeline.StageNames.ToList();
        var counts = new int[stages.Count, 4];
        var failures = ImmutableArray.CreateBuilder<SubjectFailure>();
        int failed = 0, unfinished = 0;
        foreach (var id in state.State.Members.Keys.Order(StringComparer.Ordinal))
        {
            var summary = Current(id, configurationVersion);
            if (summary is not { Finished: true }) unfinished++;
            for (var s = 0; s < stages.Count; s++)
                counts[s, (int)(summary?.Stages.FirstOrDefault(x => x.Stage == stages[s])?.Status ?? StageStatus.Pending)]++;
            if (summary?.Stages.FirstOrDefault(x => x.Status == StageStatus.Failed) is { } failure)
            {
                failed++;
                if (failures.Count < CohortProgress.MaxFailuresListed) failures.Add(new SubjectFailure(id, failure.Stage, failure.Error ?? "failed"));
            }
        }
        return Task.FromResult(new PartitionProgress(state.State.Members.Count, unfinished,
            [.. stages.Select((s, i) => new StageProgress(s, counts[i, 0], counts[i, 1], counts[i, 2], counts[i, 3]))], failed, failures.ToImmutable()));
    }

    public Task<ImmutableArray<SubjectFeatureRow>> GetRows(int configurationVersion) => Task.FromResult(state.State.Members
        .Where(m => m.Value.Row is not null && m.Value.Finished?.ConfigurationVersion == configurationVersion)
        .OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value.Row!).ToImmutableArray());

    public Task<ImmutableArray<CohortMember>> GetMembers(int configurationVersion)
    {
        var stages = pipeline.StageNames.ToList();
        return Task.FromResult(state.State.Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
        {
            var summary = Current(m.Key, configurationVersion);
            var current = m.Value.Finished?.ConfigurationVersion == configurationVersion;
            return new CohortMember(m.Value.Submission,
                summary?.Stages ?? [.. stages.Select(s => new StageSummary(s, StageStatus.Pending, null))],
                current ? m.Value.Row : null, current ? m.Value.Artifacts : ImmutableSortedDictionary<string, ArtifactReference>.Empty);
        }).ToImmutableArray());
    }

    public Task<bool> Contains(string subjectId) => Task.FromResult(state.State.Members.ContainsKey(subjectId));

    public async Task<int> Retry(string? stage, string? subjectId)
    {
        var version = _settings?.Version;
        var failed = state.State.Members.Keys
            .Where(id => subjectId is null || id == subjectId)
            .Where(id => Current(id, version ?? Latest(id)?.ConfigurationVersion ?? 0)?.Stages.Any(s => s.Status == StageStatus.Failed) == true)
            .ToList();
        foreach (var id in failed)
        {
            var summary = await Subject(id).Retry(stage);
            _latest[id] = summary;
            state.State.Members[id] = state.State.Members[id] with { Finished = null };
        }
        if (failed.Count > 0)
        {
            await WriteAsync();
            await FillAsync(giveBackSlots: false);
        }
        return failed.Count;
    }

    public async Task<ImmutableArray<PartitionMember>> Drain()
    {
        var members = state.State.Members.Values.ToImmutableArray();
        state.State.Members.Clear();
        _latest.Clear();
        _inFlight.Clear();
        await WriteAsync();
        return members;
    }

    public async Task Load(ImmutableArray<PartitionMember> members)
    {
        foreach (var member in members) state.State.Members[member.Submission.SubjectId] = member;
        await WriteAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved == 0) return;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Not fatal: the reminder asks the unsaved members' subjects again, and they report their rows.
            logger.LogWarning("Partition {Partition}: {Unsaved} finished rows not written on deactivation ({Message}).", Key, _unsaved, ex.Message);
        }
    }

    /// <summary>Records a report; returns whether a member finished (or stopped) so that its slot is free.</summary>
    private bool Apply(SubjectReport report, PartitionMember member)
    {
        var summary = report.Summary;
        var id = summary.SubjectId;
        if (!summary.Finished)
        {
            // One-way reports may arrive out of order: a progress report overtaken by the subject's final one is stale.
            // (A member that really runs again was reset first: by a retry, a changed submission or new settings.)
            if (member.Finished?.ConfigurationVersion != summary.ConfigurationVersion) _latest[id] = summary;
            return false;
        }
        _latest.Remove(id);
        state.State.Members[id] = member with { Finished = summary, Row = report.Row, Artifacts = report.Artifacts };
        _unsaved++;
        if (_settings is { } settings && summary.ConfigurationVersion != settings.Version)
        {
            // Finished under older settings while the cohort moved on: it stays in flight and runs again.
            if (_inFlight.Contains(id)) StartAsync(id).Ignore();
            return false;
        }
        return _inFlight.Remove(id);
    }

    /// <summary>
    /// Starts waiting members while slots are free. With <paramref name="giveBackSlots"/>, slots it has no member left
    /// to fill with go back to the cohort (one notice per freed slot, only in the partition's last stretch).
    /// </summary>
    private async Task FillAsync(bool giveBackSlots)
    {
        if (_settings is null) return;
        while (_inFlight.Count < _slots && NextWaiting() is { } id)
        {
            _inFlight.Add(id);
            await StartAsync(id);
        }
        if (giveBackSlots && _inFlight.Count < _slots)
        {
            _slots = _inFlight.Count;
            var (cohort, generation, index) = CohortPartitioning.Parse(Key);
            GrainFactory.GetGrain<ICohortCoordinator>(cohort).PartitionChanged(generation, index, Status()).Ignore();
        }
    }

    private string? NextWaiting() => state.State.Members.Keys.Where(id => !_inFlight.Contains(id) && !IsFinished(id))
        .Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Starts (or re-drives) a member; one that cannot be reached now stays in flight for the cohort's next reminder tick.</summary>
    private async Task StartAsync(string id)
    {
        try
        {
            var report = await Subject(id).Start(new SubjectAssignment(state.State.Members[id].Submission, _settings!, Key));
            if (state.State.Members.TryGetValue(id, out var member) && Apply(report, member)) await SnapshotIfDueAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning("Partition {Partition}: subject {Subject} could not be started now ({Message}); the reminder retries.", Key, id, ex.Message);
        }
    }

    private async Task SnapshotIfDueAsync()
    {
        var due = Math.Max(1, (int)Math.Ceiling(state.State.Members.Count * options.Value.SnapshotShare));
        if (_unsaved == 0 || (_unsaved < due && Status().Unfinished > 0)) return;
        try
        {
            await WriteAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning("Partition {Partition}: {Unsaved} finished rows not written yet ({Message}); the next snapshot includes them.", Key, _unsaved, ex.Message);
        }
    }

    private async Task WriteAsync()
    {
        await state.WriteWithRetryAsync(logger, $"Partition {Key}");
        _unsaved = 0;
    }

    private PartitionStatus Status()
    {
        var unfinished = state.State.Members.Keys.Count(id => !IsFinished(id));
        return new PartitionStatus(_inFlight.Count, unfinished - _inFlight.Count(id => !IsFinished(id)), unfinished, state.State.Members.Count);
    }

    private bool IsFinished(string id) => _settings is { } settings && Current(id, settings.Version) is { Finished: true };

    /// <summary>The member's latest summary under <paramref name="version"/>, or null when it has none under that configuration.</summary>
    private SubjectSummary? Current(string id, int version) => Latest(id) is { } s && s.ConfigurationVersion == version ? s : null;

    private SubjectSummary? Latest(string id) => _latest.GetValueOrDefault(id) ?? state.State.Members.GetValueOrDefault(id)?.Finished;

    private ISubjectWorker Subject(string id) => GrainFactory.GetGrain<ISubjectWorker>(SubjectKey.Of(CohortPartitioning.Parse(Key).Cohort, id));
}
