namespace RelevanceRelated.Integration.Tests.TestGrains;

/// <summary>A test grain with persistent state in the default grain storage.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task Set(int value, string note);

    Task<CounterState> Get();

    /// <summary>Deactivates the grain so the next call reads its state from storage again.</summary>
    Task Deactivate();
}

[GenerateSerializer, Immutable]
[Alias("RelevanceRelated.Tests.CounterState")]
public sealed record CounterState([property: Id(0)] int Value, [property: Id(1)] string Note)
{
    public CounterState() : this(0, "") { }
}
