namespace Oss.ResumableUpload.Directories;

/// <summary>
/// The recent transfer rate from (timestamp, bytes sent) samples: the bytes added over the last
/// <see cref="Window"/> divided by the time they took. Not thread-safe: the tracker calls it under its lock.
/// </summary>
/// <remarks>
/// The oldest sample kept is the newest one that is at least <see cref="Window"/> old (the baseline), so the rate
/// covers a little more than the window once the upload has run that long, and everything since the first sample
/// before. At most <see cref="MaxSamples"/> are kept (the window shrinks when reports come faster than that): bounded
/// memory whatever the report interval.
/// </remarks>
internal sealed class TransferRateWindow(TimeProvider timeProvider)
{
    /// <summary>The span the rate is measured over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>The shortest span that gives a rate; before it the rate is 0 (a few milliseconds say nothing).</summary>
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromMilliseconds(500);

    /// <summary>The most samples kept.</summary>
    public const int MaxSamples = 128;

    private readonly Queue<(long Timestamp, long Bytes)> _samples = new();

    /// <summary>Adds a sample of the bytes sent so far (a total that only grows) taken now, and returns the rate in bytes per second.</summary>
    public double Add(long totalBytesSent)
    {
        long now = timeProvider.GetTimestamp();
        _samples.Enqueue((now, totalBytesSent));
        while (_samples.Count > MaxSamples || (_samples.Count > 2 && timeProvider.GetElapsedTime(SecondTimestamp(), now) >= Window))
        {
            _samples.Dequeue();
        }

        (long firstAt, long firstBytes) = _samples.Peek();
        TimeSpan span = timeProvider.GetElapsedTime(firstAt, now);
        return span < MinimumSpan ? 0 : Math.Max(0, totalBytesSent - firstBytes) / span.TotalSeconds;
    }

    private long SecondTimestamp()
    {
        using Queue<(long Timestamp, long Bytes)>.Enumerator e = _samples.GetEnumerator();
        e.MoveNext();
        e.MoveNext();
        return e.Current.Timestamp;
    }
}
