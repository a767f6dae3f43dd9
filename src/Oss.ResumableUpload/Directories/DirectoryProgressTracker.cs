namespace Oss.ResumableUpload.Directories;

/// <summary>
/// Sums the progress of the files in flight into one <see cref="DirectoryUploadProgress"/> whose counts never go
/// backwards, reported at most once per interval (the last report, when every file is done, is always made).
/// </summary>
/// <remarks>
/// Each file keeps a high-water mark of its bytes (its own reports only grow, and a file done adds whatever its
/// reports had not yet counted). Reports are made under a lock and only when something grew. The rate
/// (<see cref="TransferRateWindow"/>) counts only the bytes sent by this call: not the size of a skipped file, nor
/// the parts a resumed multipart upload found on the server (its first report, which the engine makes before it
/// sends anything).
/// </remarks>
internal sealed class DirectoryProgressTracker
{
    private readonly IProgress<DirectoryUploadProgress>? _progress;
    private readonly IReadOnlyList<LocalTreeFile> _files;
    private readonly long[] _fileBytes;
    private readonly long _totalBytes;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly TransferRateWindow _rate;
    private readonly List<int> _inFlight = [];
    private readonly Lock _gate = new();
    private long _bytesDone;
    private long _bytesSent;
    private int _filesDone;
    private int _filesFailed;
    private DirectoryUploadProgress _last = new() { TotalBytesSent = -1 };
    private long _lastReport;

    public DirectoryProgressTracker(IProgress<DirectoryUploadProgress>? progress, IReadOnlyList<LocalTreeFile> files, TimeProvider timeProvider, TimeSpan interval)
    {
        _progress = progress;
        _files = files;
        _fileBytes = new long[files.Count];
        _totalBytes = files.Sum(f => f.Size);
        _timeProvider = timeProvider;
        _interval = interval;
        _rate = new TransferRateWindow(timeProvider);
    }

    /// <summary>The receiver of one file's reports, or null when nobody listens.</summary>
    public IProgress<UploadProgress>? ForFile(int index) => _progress is null ? null : new FileProgress(this, index);

    /// <summary>Reports the starting point (zero, or what nothing has to do).</summary>
    public void ReportInitial() => Report(force: true);

    /// <summary>Counts a file as in flight from now until <see cref="OnFileDone"/>.</summary>
    public void OnFileStarted(int index)
    {
        if (_progress is not null)
        {
            lock (_gate)
            {
                _inFlight.Add(index);
            }
        }
    }

    /// <summary>Counts a file done: its whole size unless it failed; bytes of a skipped file are not counted as sent.</summary>
    public void OnFileDone(int index, long size, DirectoryUploadOutcome outcome)
    {
        bool failed = outcome == DirectoryUploadOutcome.Failed;
        if (!failed)
        {
            Advance(index, size, sent: outcome == DirectoryUploadOutcome.Uploaded);
        }

        lock (_gate)
        {
            _filesDone++;
            if (failed)
            {
                _filesFailed++;
            }

            _inFlight.Remove(index);
        }

        Report(force: Volatile.Read(ref _filesDone) == _fileBytes.Length);
    }

    private void Advance(int index, long fileBytes, bool sent)
    {
        long previous = Volatile.Read(ref _fileBytes[index]);
        while (fileBytes > previous)
        {
            long seen = Interlocked.CompareExchange(ref _fileBytes[index], fileBytes, previous);
            if (seen == previous)
            {
                Interlocked.Add(ref _bytesDone, fileBytes - previous);
                if (sent)
                {
                    Interlocked.Add(ref _bytesSent, fileBytes - previous);
                }

                return;
            }

            previous = seen;
        }
    }

    private void Report(bool force)
    {
        if (_progress is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!force && _timeProvider.GetElapsedTime(_lastReport) < _interval)
            {
                return;
            }

            // A file that grew after it was listed may push its bytes past the total: never report more than it.
            long done = Math.Min(Interlocked.Read(ref _bytesDone), _totalBytes);
            if (done <= _last.TotalBytesSent && _filesDone == _last.FilesCompleted && _filesFailed == _last.FilesFailed)
            {
                return;
            }

            _last = new DirectoryUploadProgress
            {
                TotalBytesSent = done,
                TotalBytesExpected = _totalBytes,
                FilesCompleted = _filesDone,
                TotalFiles = _fileBytes.Length,
                FilesFailed = _filesFailed,
                BytesPerSecond = _rate.Add(Interlocked.Read(ref _bytesSent)),
                FilesInFlight = InFlightLargestFirst(),
            };
            _lastReport = _timeProvider.GetTimestamp();
            _progress.Report(_last);
        }
    }

    private string[] InFlightLargestFirst()
    {
        if (_inFlight.Count == 0)
        {
            return [];
        }

        int[] order = [.. _inFlight];
        Array.Sort(order, (a, b) => _files[a].Size != _files[b].Size ? _files[b].Size.CompareTo(_files[a].Size) : a.CompareTo(b));
        return Array.ConvertAll(order, i => _files[i].RelativePath);
    }

    private sealed class FileProgress(DirectoryProgressTracker owner, int index) : IProgress<UploadProgress>
    {
        private int _reports;

        public void Report(UploadProgress value)
        {
            // A multipart upload's first report is made before any part is sent: what it counts was already on the server.
            bool first = Interlocked.Increment(ref _reports) == 1;
            owner.Advance(index, value.TotalBytesSent, sent: !(first && value.TotalParts > 1));
            owner.Report(force: false);
        }
    }
}
