namespace Oss.ResumableUpload.Directories;

/// <summary>
/// The slots that bound the part bodies in flight across several uploads at once (a directory upload's files): each
/// UploadPart and each single PutObject holds one slot from before its bytes are read until its reply is in, so at
/// most <see cref="Capacity"/> bodies are buffered or sent together, whatever the number of files.
/// </summary>
/// <remarks>
/// Waiters are served in arrival order (<see cref="SemaphoreSlim"/> queues asynchronous waiters), so one large file's
/// parts interleave with the small files instead of holding every slot until it ends.
/// </remarks>
internal sealed class TransferBudget : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _inUse;
    private int _peak;

    public TransferBudget(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public int Capacity { get; }

    /// <summary>Gets the most slots held at once so far.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Waits for a slot when <paramref name="budget"/> is set; dispose the lease to give it back. Without a budget it returns at once.</summary>
    public static async ValueTask<Lease> AcquireAsync(TransferBudget? budget, CancellationToken cancellationToken)
    {
        if (budget is null)
        {
            return default;
        }

        await budget._slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        int inUse = Interlocked.Increment(ref budget._inUse);
        int peak;
        while (inUse > (peak = Volatile.Read(ref budget._peak)) && Interlocked.CompareExchange(ref budget._peak, inUse, peak) != peak)
        {
        }

        return new Lease(budget);
    }

    public void Dispose() => _slots.Dispose();

    private void Release()
    {
        Interlocked.Decrement(ref _inUse);
        _slots.Release();
    }

    /// <summary>One held slot (or none, without a budget).</summary>
    internal readonly struct Lease(TransferBudget? budget) : IDisposable
    {
        public void Dispose() => budget?.Release();
    }
}
