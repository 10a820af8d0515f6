namespace RelevanceRelated.Integration.Tests.TestGrains;

public sealed class CounterGrain([PersistentState("test-counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task Set(int value, string note)
    {
        state.State = new CounterState(value, note);
        await state.WriteStateAsync();
    }

    public Task<CounterState> Get() => Task.FromResult(state.State);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
