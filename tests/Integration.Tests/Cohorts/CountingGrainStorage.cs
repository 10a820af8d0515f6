using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>In-memory grain storage (deep copies, one process) that counts the writes per state name and grain.</summary>
public sealed class CountingGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (object Value, string ETag)> _stored = new();
    private readonly ConcurrentDictionary<(string State, GrainId Grain), int> _writes = new();

    public int Writes(string stateName, GrainId grain) => _writes.GetValueOrDefault((stateName, grain));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_stored.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = copier.Copy((T)entry.Value);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        _stored[(stateName, grainId)] = (copier.Copy(grainState.State)!, etag);
        _writes.AddOrUpdate((stateName, grainId), 1, (_, n) => n + 1);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _stored.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
