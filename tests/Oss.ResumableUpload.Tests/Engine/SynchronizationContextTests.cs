using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// Runs an upload started on a single-threaded SynchronizationContext, like a UI thread. Every await in the library
/// uses ConfigureAwait(false), so nothing may be posted back to the context; a missing one would post (and, with a
/// blocking caller, deadlock).
/// </summary>
public sealed class SynchronizationContextTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nothing_is_posted_back_to_the_callers_context(bool withStore)
    {
        string path = _h.Files.Create((3 * EngineHarness.Part) + 1);
        using var context = new SingleThreadedContext();

        ResumableUploadResult result = context.Run(() => _h.CreateUploader().UploadAsync(_h.Request(path, withStore: withStore, concurrency: 2), CancellationToken.None));

        Assert.Equal(0, context.Posts);
        Assert.NotNull(result.UploadId);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    private sealed class SingleThreadedContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            _queue.Add((d, state));
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send is not expected.");

        /// <summary>Starts <paramref name="start"/> on this context and pumps posted callbacks until it completes.</summary>
        public T Run<T>(Func<Task<T>> start)
        {
            SynchronizationContext? previous = Current;
            SetSynchronizationContext(this);
            try
            {
                Task<T> task = start();
                task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                foreach ((SendOrPostCallback callback, object? state) in _queue.GetConsumingEnumerable())
                {
                    callback(state);
                }

                return task.GetAwaiter().GetResult();
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }

        public void Dispose() => _queue.Dispose();
    }
}
