using RelevanceRelated.Contracts;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RelevanceRelated.Grains.Inference;

/// <summary>
/// Runs model work on a dedicated thread, continuations included. A stage holds a thread for seconds to minutes of
/// CPU or GPU work; on the .NET thread pool that starves the silo's own messaging (the "thread pool queue delay"
/// warnings on small machines). The stage's awaits resume on the same thread through a single-thread
/// synchronization context, so none of its work lands on the pool (parallel loops inside src/Analysis still may).
/// The silo has <see cref="InferenceOptions.Slots"/> such threads at most, shared by every cohort: a stage beyond
/// them waits for a slot, so several cohorts cannot oversubscribe a GPU silo. When a stage ends, a full blocking
/// collection frees what it allocated (see <see cref="CollectStageGarbage"/>).
/// </summary>
public sealed class InferenceRunner(IOptions<InferenceOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Slots));

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => Pump(work, result)) { IsBackground = true, Name = "relevancerelated-inference" };
            thread.Start();
            try
            {
                return await result.Task;
            }
            finally
            {
                CollectStageGarbage();
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// A model stage allocates its volume-sized arrays (64 MB each at 256³) on the large-object heap, which only a
    /// full collection frees; left to the collector's budget, the garbage of several stages piled up beside the next
    /// stages' live data (198³ MRInet on 256³ brains, two slots: peak 3.7 GB with, 2.9 GB without it in between).
    /// One blocking collection per stage costs tens of milliseconds against a stage's seconds.
    /// </summary>
    private static void CollectStageGarbage() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);

    private static void Pump<T>(Func<Task<T>> work, TaskCompletionSource<T> result)
    {
        var previous = SynchronizationContext.Current;
        using var context = new SingleThreadContext();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            Task<T> task;
            try { task = work(); }
            catch (Exception ex) { task = Task.FromException<T>(ex); }
            task.ContinueWith(_ => context.Complete(), TaskScheduler.Default);
            context.RunUntilComplete();
            if (task.IsCanceled) result.TrySetCanceled();
            else if (task.Exception is { } ex) result.TrySetException(ex.InnerExceptions.Count == 1 ? ex.InnerExceptions[0] : ex);
            else result.TrySetResult(task.Result);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Queues posted continuations and runs them on the owning thread until told to stop.</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send to the inference thread would deadlock.");

        public void Complete() => _queue.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _queue.GetConsumingEnumerable()) callback(state);
        }

        public void Dispose() => _queue.Dispose();
    }
}
