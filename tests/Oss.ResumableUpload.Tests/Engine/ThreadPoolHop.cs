using System.Runtime.CompilerServices;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// An awaitable that always completes later on the thread pool and never captures a SynchronizationContext, so the
/// fake's operations are truly asynchronous without posting anything to the caller's context.
/// </summary>
internal readonly struct ThreadPoolHop : ICriticalNotifyCompletion
{
    public bool IsCompleted => false;

    public ThreadPoolHop GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => ((Action)c!).Invoke(), continuation);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => ((Action)c!).Invoke(), continuation);
}
