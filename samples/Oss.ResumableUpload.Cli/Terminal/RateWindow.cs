using System.Diagnostics;

namespace Oss.ResumableUpload.Cli;

/// <summary>The transfer rate over the last few seconds, from (time, total bytes) samples; not averaged since the start.</summary>
internal sealed class RateWindow(TimeSpan window)
{
    private static readonly long s_origin = Stopwatch.GetTimestamp();
    private static readonly TimeSpan s_minimumSpan = TimeSpan.FromMilliseconds(500);
    private readonly Queue<(TimeSpan At, long Bytes)> _samples = new();

    /// <summary>Adds a sample; samples older than the window are dropped, except the newest of them (the baseline).</summary>
    public void Add(TimeSpan at, long totalBytes)
    {
        _samples.Enqueue((at, totalBytes));
        while (_samples.Count > 2 && at - Second() > window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Bytes per second over the window, or null until half a second of samples is in.</summary>
    public double? BytesPerSecond()
    {
        if (_samples.Count < 2)
        {
            return null;
        }

        (TimeSpan firstAt, long firstBytes) = _samples.Peek();
        (TimeSpan lastAt, long lastBytes) = _samples.Last();
        TimeSpan span = lastAt - firstAt;
        return span < s_minimumSpan ? null : (lastBytes - firstBytes) / span.TotalSeconds;
    }

    /// <summary>A clock for samples.</summary>
    public static TimeSpan Now() => Stopwatch.GetElapsedTime(s_origin);

    private TimeSpan Second() => _samples.ElementAt(1).At;
}
