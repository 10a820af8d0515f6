using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Xai;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>
/// The compiled-graph cache keeps the most recently used values up to its capacity, builds each value once, and
/// disposes an evicted value only when no lease on it is left.
/// </summary>
public sealed class CompiledPlanCacheTests
{
    private sealed class Plan(string name) : IDisposable
    {
        public string Name { get; } = name;
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void Least_recently_used_value_beyond_the_capacity_is_evicted_and_disposed()
    {
        var cache = new CompiledPlanCache<Plan>(2);
        var a = Use(cache, "a");
        var b = Use(cache, "b");
        Use(cache, "a"); // a is now more recent than b

        var c = Use(cache, "c");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.Contains("a"));
        Assert.False(cache.Contains("b"));
        Assert.True(cache.Contains("c"));
        Assert.True(b.Disposed);
        Assert.False(a.Disposed);
        Assert.False(c.Disposed);
    }

    [Fact]
    public void Value_evicted_while_leased_is_disposed_when_the_last_lease_ends()
    {
        var cache = new CompiledPlanCache<Plan>(1);
        var first = cache.Acquire("a", () => new Plan("a"));
        var second = cache.Acquire("a", () => new Plan("again"));
        Assert.Same(first.Value, second.Value);

        Use(cache, "b"); // evicts a while two calls still run it

        Assert.False(cache.Contains("a"));
        Assert.False(first.Value.Disposed);
        first.Dispose();
        Assert.False(second.Value.Disposed);
        second.Dispose();
        Assert.True(second.Value.Disposed);
    }

    [Fact]
    public void Lowering_the_capacity_evicts_at_once()
    {
        var cache = new CompiledPlanCache<Plan>(3);
        var plans = new[] { "a", "b", "c" }.Select(k => Use(cache, k)).ToArray();

        cache.Capacity = 1;

        Assert.Equal(1, cache.Count);
        Assert.True(cache.Contains("c"));
        Assert.True(plans[0].Disposed && plans[1].Disposed);
        Assert.False(plans[2].Disposed);
    }

    [Fact]
    public void Each_key_is_built_once_even_when_requested_concurrently()
    {
        var cache = new CompiledPlanCache<Plan>(4);
        var builds = 0;
        var values = new Plan[16];

        Parallel.For(0, values.Length, i =>
        {
            using var lease = cache.Acquire("k", () =>
            {
                Interlocked.Increment(ref builds);
                Thread.Sleep(20);
                return new Plan("k");
            });
            values[i] = lease.Value;
        });

        Assert.Equal(1, builds);
        Assert.All(values, v => Assert.Same(values[0], v));
    }

    [Fact]
    public void Failed_build_is_not_cached()
    {
        var cache = new CompiledPlanCache<Plan>(2);

        Assert.Throws<InvalidOperationException>(() => cache.Acquire("k", () => throw new InvalidOperationException("compile failed")));

        Assert.False(cache.Contains("k"));
        using var lease = cache.Acquire("k", () => new Plan("k"));
        Assert.Equal("k", lease.Value.Name);
    }

    [Fact]
    public void Capacity_below_one_is_refused()
    {
        var cache = new CompiledPlanCache<Plan>(2);

        var error = Assert.Throws<InvalidInputException>(() => cache.Capacity = 0);

        Assert.Contains("capacity 0", error.Message);
    }

    private static Plan Use(CompiledPlanCache<Plan> cache, string key)
    {
        using var lease = cache.Acquire(key, () => new Plan(key));
        return lease.Value;
    }
}
