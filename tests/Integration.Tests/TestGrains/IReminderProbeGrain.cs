namespace RelevanceRelated.Integration.Tests.TestGrains;

/// <summary>A test grain that registers reminders and lists them.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(string reminderName);

    Task Unregister(string reminderName);

    Task<string[]> List();
}
