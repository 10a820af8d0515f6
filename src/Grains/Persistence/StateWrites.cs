using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace RelevanceRelated.Grains.Persistence;

/// <summary>
/// Writes grain state through a storage outage: a failed write is retried with growing pauses (0.5 s doubling to
/// 8 s, about a minute in all) before the caller sees the error, so a database restart delays work instead of failing
/// it. A write that lost a race with another activation (<see cref="InconsistentStateException"/>) is not retried:
/// the other activation's state is the truth.
/// </summary>
public static class StateWrites
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(8);
    private const int Attempts = 10;

    public static async Task WriteWithRetryAsync<T>(this IPersistentState<T> state, ILogger logger, string grain, CancellationToken cancellationToken = default)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not InconsistentStateException && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{Grain}: state write failed (attempt {Attempt} of {Attempts}: {Message}); retrying in {Pause}.",
                    grain, attempt, Attempts, ex.Message, pause);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
