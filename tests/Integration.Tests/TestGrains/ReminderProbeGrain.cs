namespace RelevanceRelated.Integration.Tests.TestGrains;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    // Long period: the tests check registration, not ticking.
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);

    public Task Register(string reminderName) => this.RegisterOrUpdateReminder(reminderName, Period, Period);

    public async Task Unregister(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    public async Task<string[]> List() => [.. (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal)];

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
