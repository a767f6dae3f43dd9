namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Turns the byte counts of parallel part attempts into one running total that never goes backwards, and reports it
/// to the caller's <see cref="IProgress{T}"/> at most once per <c>interval</c> (plus a first and a last report).
/// </summary>
/// <remarks>
/// Each part keeps a high-water mark of its bytes sent: a retried attempt restarts at 0 and adds nothing until it
/// passes the mark. The total is updated with <see cref="Interlocked"/>. Reports are made under a lock and only when
/// the total has grown, so the caller sees ascending totals even when several threads report at once.
/// </remarks>
internal sealed class ProgressAggregator
{
    private readonly IProgress<UploadProgress>? _progress;
    private long _totalBytes;
    private int _totalParts;
    private readonly long[] _partHighWater;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly Lock _reportGate = new();
    private long _bytesSent;
    private int _partsCompleted;
    private long _resumedBytes;
    private long _lastReportedBytes = -1;
    private int _lastReportedParts = -1;
    private long _lastReportTimestamp;

    public ProgressAggregator(IProgress<UploadProgress>? progress, long totalBytes, int totalParts, TimeProvider timeProvider, TimeSpan interval)
    {
        _progress = progress;
        _totalBytes = totalBytes;
        _totalParts = totalParts;
        _partHighWater = new long[totalBytes < 0 ? ResumableUploadRequest.MaxPartCount : totalParts];
        _timeProvider = timeProvider;
        _interval = interval;
    }

    public bool IsEnabled => _progress is not null;

    /// <summary>Sets the totals of a stream whose length was unknown (-1) until its end; call before <see cref="ReportFinal"/>.</summary>
    public void SetTotals(long totalBytes, int totalParts)
    {
        lock (_reportGate)
        {
            _totalBytes = totalBytes;
            _totalParts = totalParts;
        }
    }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Counts parts already on the server; call before <see cref="ReportInitial"/>.</summary>
    public void AddResumedPart(int partNumber, long length)
    {
        AddCompleted(partNumber, length);
        Interlocked.Add(ref _resumedBytes, length);
    }

    /// <summary>A callback for one part's bytes sent in the current attempt, or null when nobody listens.</summary>
    public Action<long>? CreatePartCallback(int partNumber)
        => _progress is null ? null : sent => OnBytesSent(partNumber, sent);

    public void OnBytesSent(int partNumber, long sentInAttempt)
    {
        ref long highWater = ref _partHighWater[partNumber - 1];
        long previous = Volatile.Read(ref highWater);
        while (sentInAttempt > previous)
        {
            long observed = Interlocked.CompareExchange(ref highWater, sentInAttempt, previous);
            if (observed == previous)
            {
                Interlocked.Add(ref _bytesSent, sentInAttempt - previous);
                Report(force: false);
                return;
            }

            previous = observed;
        }
    }

    public void OnPartCompleted(int partNumber, long length)
    {
        AddCompleted(partNumber, length);
        Report(force: false);
    }

    /// <summary>The first report, which already counts resumed parts.</summary>
    public void ReportInitial() => Report(force: true);

    /// <summary>The last report, once every byte is on the server.</summary>
    public void ReportFinal() => Report(force: true);

    private void AddCompleted(int partNumber, long length)
    {
        long previous = Interlocked.Exchange(ref _partHighWater[partNumber - 1], length);
        if (length > previous)
        {
            Interlocked.Add(ref _bytesSent, length - previous);
        }

        Interlocked.Increment(ref _partsCompleted);
    }

    private void Report(bool force)
    {
        if (_progress is null)
        {
            return;
        }

        if (!force)
        {
            if (_timeProvider.GetElapsedTime(Interlocked.Read(ref _lastReportTimestamp)) < _interval || !_reportGate.TryEnter())
            {
                return;
            }
        }
        else
        {
            _reportGate.Enter();
        }

        try
        {
            // Read inside the lock: the total only grows, so successive reports ascend.
            long total = Interlocked.Read(ref _bytesSent);
            int parts = Volatile.Read(ref _partsCompleted);

            // A forced report is skipped only when it would repeat the last one exactly.
            bool grew = total > _lastReportedBytes;
            if (!grew && !(force && (_lastReportedBytes < 0 || parts != _lastReportedParts)))
            {
                return;
            }

            long previous = Math.Max(0, _lastReportedBytes);
            _lastReportedBytes = Math.Max(total, _lastReportedBytes);
            _lastReportedParts = parts;
            Interlocked.Exchange(ref _lastReportTimestamp, _timeProvider.GetTimestamp());
            _progress.Report(new UploadProgress
            {
                BytesSent = _lastReportedBytes - previous,
                TotalBytesSent = _lastReportedBytes,
                TotalBytesExpected = _totalBytes,
                IsTotalKnown = _totalBytes >= 0,
                PartsCompleted = parts,
                TotalParts = _totalParts,
                ResumedBytes = Interlocked.Read(ref _resumedBytes),
            });
        }
        finally
        {
            _reportGate.Exit();
        }
    }
}
