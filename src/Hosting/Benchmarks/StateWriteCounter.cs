using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace RelevanceRelated.Hosting.Benchmarks;

/// <summary>
/// Wraps a silo's grain storage and counts, per state name, the writes and the bytes of state they carry (the state as
/// Orleans' serializer writes it, which is what the ADO.NET provider stores).
/// </summary>
public sealed class StateWriteCounter(IGrainStorage inner, Serializer serializer) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _written = new(StringComparer.Ordinal);

    public (long Writes, long Bytes) Written(string stateName) => _written.GetValueOrDefault(stateName);

    public void Reset() => _written.Clear();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.SerializeToArray(grainState.State).LongLength;
        _written.AddOrUpdate(stateName, (1, bytes), (_, w) => (w.Writes + 1, w.Bytes + bytes));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant) participant.Participate(lifecycle);
    }
}
