namespace Oss.ResumableUpload.Directories;

/// <summary>
/// Sums the progress of the files in flight into one <see cref="DirectoryUploadProgress"/> that never goes backwards,
/// reported at most once per interval (the last report, when every file is done, is always made).
/// </summary>
/// <remarks>
/// Each file keeps a high-water mark of its bytes (its own reports only grow, and a file done adds whatever its
/// reports had not yet counted). Reports are made under a lock and only when something grew.
/// </remarks>
internal sealed class DirectoryProgressTracker
{
    private readonly IProgress<DirectoryUploadProgress>? _progress;
    private readonly long[] _fileBytes;
    private readonly long _totalBytes;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private long _bytesDone;
    private int _filesDone;
    private int _filesFailed;
    private DirectoryUploadProgress _last = new() { TotalBytesSent = -1 };
    private long _lastReport;

    public DirectoryProgressTracker(IProgress<DirectoryUploadProgress>? progress, IReadOnlyList<LocalTreeFile> files, TimeProvider timeProvider, TimeSpan interval)
    {
        _progress = progress;
        _fileBytes = new long[files.Count];
        _totalBytes = files.Sum(f => f.Size);
        _timeProvider = timeProvider;
        _interval = interval;
    }

    /// <summary>The receiver of one file's reports, or null when nobody listens.</summary>
    public IProgress<UploadProgress>? ForFile(int index) => _progress is null ? null : new FileProgress(this, index);

    /// <summary>Reports the starting point (zero, or what nothing has to do).</summary>
    public void ReportInitial() => Report(force: true);

    /// <summary>Counts a file done: its whole size unless it failed.</summary>
    public void OnFileDone(int index, long size, bool failed)
    {
        if (!failed)
        {
            Advance(index, size);
        }

        lock (_gate)
        {
            _filesDone++;
            if (failed)
            {
                _filesFailed++;
            }
        }

        Report(force: Volatile.Read(ref _filesDone) == _fileBytes.Length);
    }

    private void Advance(int index, long fileBytes)
    {
        long previous = Volatile.Read(ref _fileBytes[index]);
        while (fileBytes > previous)
        {
            long seen = Interlocked.CompareExchange(ref _fileBytes[index], fileBytes, previous);
            if (seen == previous)
            {
                Interlocked.Add(ref _bytesDone, fileBytes - previous);
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

            var current = new DirectoryUploadProgress
            {
                // A file that grew after it was listed may push its bytes past the total: never report more than it.
                TotalBytesSent = Math.Min(Interlocked.Read(ref _bytesDone), _totalBytes),
                TotalBytesExpected = _totalBytes,
                FilesCompleted = _filesDone,
                TotalFiles = _fileBytes.Length,
                FilesFailed = _filesFailed,
            };
            if (current.TotalBytesSent <= _last.TotalBytesSent && current.FilesCompleted == _last.FilesCompleted && current.FilesFailed == _last.FilesFailed)
            {
                return;
            }

            _last = current;
            _lastReport = _timeProvider.GetTimestamp();
            _progress.Report(current);
        }
    }

    private sealed class FileProgress(DirectoryProgressTracker owner, int index) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            owner.Advance(index, value.TotalBytesSent);
            owner.Report(force: false);
        }
    }
}
