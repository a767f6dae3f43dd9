namespace Oss.ResumableUpload.Testing;

/// <summary>
/// One fault registered with <see cref="OssFaultInjector"/>. It affects the next <see cref="RemainingCount"/> requests that
/// match its operation (and part number), then stops. Use it to see whether and how often it fired, or to cancel it.
/// </summary>
public sealed class OssFault
{
    private readonly TaskCompletionSource _triggered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private int _triggeredCount;

    internal OssFault(OssFaultKind kind, OssOperationKind? operation, int? partNumber, int count)
    {
        Kind = kind;
        Operation = operation;
        PartNumber = partNumber;
        _remaining = count;
    }

    /// <summary>Gets what the fault does.</summary>
    public OssFaultKind Kind { get; }

    /// <summary>Gets the operation the fault applies to, or null for any operation.</summary>
    public OssOperationKind? Operation { get; }

    /// <summary>Gets the part number the fault applies to (UploadPart only), or null for any part.</summary>
    public int? PartNumber { get; }

    /// <summary>Gets how many requests the fault has affected so far.</summary>
    public int TimesTriggered => Volatile.Read(ref _triggeredCount);

    /// <summary>Gets how many more requests the fault will affect; <see cref="OssFaultInjector.Always"/> when unlimited.</summary>
    public int RemainingCount => Volatile.Read(ref _remaining);

    /// <summary>Gets a value indicating whether the fault will affect no more requests (used up or cancelled).</summary>
    public bool IsExhausted => RemainingCount <= 0;

    internal int StatusCode { get; init; }

    internal string ErrorCode { get; init; } = string.Empty;

    internal string? Message { get; init; }

    internal long? AfterBodyBytes { get; init; }

    internal TimeSpan DelayBy { get; init; }

    /// <summary>Stops the fault from affecting further requests. Requests it already affects are not changed.</summary>
    public void Cancel() => Interlocked.Exchange(ref _remaining, 0);

    /// <summary>
    /// For a <see cref="OssFaultKind.Hold"/> fault: lets every request it holds continue, and stops it from holding more.
    /// For other kinds it only cancels the fault.
    /// </summary>
    public void Release()
    {
        Cancel();
        _released.TrySetResult();
    }

    /// <summary>Waits until the fault has affected at least one request.</summary>
    /// <param name="cancellationToken">A token to stop waiting.</param>
    /// <returns>A task that completes when the fault first fires.</returns>
    public Task WaitForTriggerAsync(CancellationToken cancellationToken = default) => _triggered.Task.WaitAsync(cancellationToken);

    /// <summary>Describes the fault.</summary>
    /// <returns>For example <c>Fail UploadPart part 3 (1 left, fired 0)</c>.</returns>
    public override string ToString()
        => $"{Kind} {(Operation?.ToString() ?? "any operation")}{(PartNumber is int p ? " part " + p : string.Empty)} ({(RemainingCount == OssFaultInjector.Always ? "always" : RemainingCount + " left")}, fired {TimesTriggered})";

    internal Task WaitForReleaseAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);

    internal bool Matches(OssOperationKind operation, int? partNumber)
        => (Operation is null || Operation == operation) && (PartNumber is null || PartNumber == partNumber) && RemainingCount > 0;

    /// <summary>Claims one use of the fault; false when another request took the last one.</summary>
    internal bool TryConsume()
    {
        while (true)
        {
            int remaining = Volatile.Read(ref _remaining);
            if (remaining <= 0)
            {
                return false;
            }

            int next = remaining == OssFaultInjector.Always ? remaining : remaining - 1;
            if (Interlocked.CompareExchange(ref _remaining, next, remaining) == remaining)
            {
                Interlocked.Increment(ref _triggeredCount);
                _triggered.TrySetResult();
                return true;
            }
        }
    }
}
