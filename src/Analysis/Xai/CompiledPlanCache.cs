namespace RelevanceRelated.Analysis.Xai;

/// <summary>
/// A least-recently-used cache of compiled values (ONNX Runtime sessions) bounded by count. Users hold a lease
/// while they run a value; a value evicted while leased is disposed when its last lease ends, so a long-running
/// silo explaining many models keeps at most <see cref="Capacity"/> compiled graphs alive without ever disposing
/// a session under a running call. Values are built once per key, outside the cache's lock.
/// </summary>
public sealed class CompiledPlanCache<T> where T : class, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _capacity;
    private long _clock;

    public CompiledPlanCache(int capacity) => Capacity = capacity;

    /// <summary>How many compiled values stay cached; lowering it evicts the least recently used at once.</summary>
    public int Capacity
    {
        get => _capacity;
        set
        {
            if (value < 1) throw new InvalidInputException($"compiled relevance cache capacity {value}: at least 1 is needed.");
            List<Entry> released;
            lock (_gate)
            {
                _capacity = value;
                released = EvictOverCapacity();
            }
            DisposeAll(released);
        }
    }

    /// <summary>How many values are cached now (evicted ones still leased are not counted).</summary>
    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>Whether the key is cached now.</summary>
    public bool Contains(string key)
    {
        lock (_gate) return _entries.ContainsKey(key);
    }

    /// <summary>The value for the key, built by <paramref name="build"/> when absent; dispose the lease after the run.</summary>
    public Lease Acquire(string key, Func<T> build)
    {
        Entry entry;
        List<Entry> released;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(key, new Lazy<T>(build, LazyThreadSafetyMode.ExecutionAndPublication));
                _entries.Add(key, entry);
            }
            entry.Leases++;
            entry.LastUse = ++_clock;
            released = EvictOverCapacity();
        }
        DisposeAll(released);
        try
        {
            return new Lease(this, entry, entry.Value.Value);
        }
        catch
        {
            // A failed build is not cached: the next call tries again.
            lock (_gate)
            {
                entry.Leases--;
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry)) _entries.Remove(key);
            }
            throw;
        }
    }

    private void Release(Entry entry)
    {
        bool dispose;
        lock (_gate)
        {
            entry.Leases--;
            dispose = entry.Evicted && entry.Leases == 0;
        }
        if (dispose) DisposeValue(entry);
    }

    /// <summary>Removes least recently used entries beyond the capacity; returns those no one holds (to dispose outside the lock).</summary>
    private List<Entry> EvictOverCapacity()
    {
        var released = new List<Entry>();
        while (_entries.Count > _capacity)
        {
            var oldest = _entries.Values.MinBy(e => e.LastUse)!;
            _entries.Remove(oldest.Key);
            oldest.Evicted = true;
            if (oldest.Leases == 0) released.Add(oldest);
        }
        return released;
    }

    private static void DisposeAll(List<Entry> entries)
    {
        foreach (var entry in entries) DisposeValue(entry);
    }

    private static void DisposeValue(Entry entry)
    {
        if (entry.Value.IsValueCreated) entry.Value.Value.Dispose();
    }

    internal sealed class Entry(string key, Lazy<T> value)
    {
        public string Key { get; } = key;
        public Lazy<T> Value { get; } = value;
        public int Leases { get; set; }
        public long LastUse { get; set; }
        public bool Evicted { get; set; }
    }

    /// <summary>Use of one cached value; disposing it lets an evicted value be disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly CompiledPlanCache<T> _cache;
        private readonly Entry _entry;
        private int _released;

        internal Lease(CompiledPlanCache<T> cache, Entry entry, T value)
        {
            _cache = cache;
            _entry = entry;
            Value = value;
        }

        public T Value { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) _cache.Release(_entry);
        }
    }
}
