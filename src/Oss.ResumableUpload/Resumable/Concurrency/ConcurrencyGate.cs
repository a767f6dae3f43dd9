namespace Oss.ResumableUpload.Resumable.Concurrency;

/// <summary>
/// Bounds one upload's part bodies in flight at <see cref="Limit"/>, which may only rise, up to <see cref="Capacity"/>:
/// each part holds a slot from before its bytes are read until its reply is in, so its buffer follows the slot. The
/// loop that enters the gate runs <see cref="Capacity"/> workers; the gate holds back the ones above the limit.
/// </summary>
/// <remarks>
/// A gate whose limit is already its capacity (a fixed concurrency) has no semaphore: the loop's own degree of
/// parallelism bounds the parts, and the gate only counts them for <see cref="Peak"/> with two Interlocked operations.
/// Waiters are served in arrival order (<see cref="SemaphoreSlim"/> queues asynchronous waiters), so parts still start
/// roughly ascending.
/// </remarks>
internal sealed class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim? _slots;
    private int _limit;
    private int _inUse;
    private int _peak;

    public ConcurrencyGate(int initialLimit, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, initialLimit);
        _limit = initialLimit;
        Capacity = capacity;
        _slots = capacity > initialLimit ? new SemaphoreSlim(initialLimit, capacity) : null;
    }

    /// <summary>Gets the most parts the gate can ever let through at once (the workers of the loop that enters it).</summary>
    public int Capacity { get; }

    /// <summary>Gets the parts allowed in flight now.</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>Gets the most parts that were in flight at once so far.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Gets a value indicating whether the limit can still rise.</summary>
    public bool CanRise => Limit < Capacity;

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            Track();
            return new ValueTask<Lease>(new Lease(this));
        }

        Task wait = _slots.WaitAsync(cancellationToken);
        if (wait.IsCompletedSuccessfully)
        {
            Track();
            return new ValueTask<Lease>(new Lease(this));
        }

        return WaitAsync(wait);
    }

    /// <summary>Raises the limit to <paramref name="limit"/>, at most <see cref="Capacity"/>; a lower value changes nothing.</summary>
    /// <returns>The limit after the call.</returns>
    public int Raise(int limit)
    {
        int current;
        int target;
        do
        {
            current = Volatile.Read(ref _limit);
            target = Math.Min(limit, Capacity);
            if (target <= current)
            {
                return current;
            }
        }
        while (Interlocked.CompareExchange(ref _limit, target, current) != current);

        // Only a gate below its capacity can get here, and that one has a semaphore.
        _slots!.Release(target - current);
        return target;
    }

    public void Dispose() => _slots?.Dispose();

    private async ValueTask<Lease> WaitAsync(Task wait)
    {
        await wait.ConfigureAwait(false);
        Track();
        return new Lease(this);
    }

    private void Track()
    {
        int inUse = Interlocked.Increment(ref _inUse);
        int peak;
        while (inUse > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inUse, peak) != peak)
        {
        }
    }

    private void Release()
    {
        Interlocked.Decrement(ref _inUse);
        _slots?.Release();
    }

    /// <summary>One held slot.</summary>
    internal readonly struct Lease(ConcurrencyGate gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
