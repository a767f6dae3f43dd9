using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Directories;

/// <summary>
/// The log events of one directory upload (4001–4005): its start, each file skipped (Debug) or failed (Warning, with
/// its relative path and error type), and its end with the counts, the bytes uploaded and the elapsed time.
/// </summary>
/// <remarks>A failure's error type is <see cref="ErrorTypes.Of"/>: OSS's code or the client error code, a bounded token; no message carries credentials.</remarks>
internal sealed class DirectoryRunLog(ILogger logger, TimeProvider timeProvider, string root, long started)
{
    public void Starting(UploadDirectoryRequest request, IReadOnlyList<LocalTreeFile> files)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.DirectoryUploadStarting(logger, root, request.BucketName, request.KeyPrefix, files.Count, files.Sum(f => f.Size));
        }
    }

    public void FileSkipped(string relativePath, string bucketName, string objectKey, string reason)
        => Log.DirectoryFileSkipped(logger, relativePath, bucketName, objectKey, reason);

    public void FileFailed(string relativePath, Exception error)
        => Log.DirectoryFileFailed(logger, relativePath, ErrorTypes.Of(error), error);

    public void Completed(IReadOnlyList<DirectoryUploadEntry> entries)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            (int uploaded, long bytes, int skipped, int failed) = Count(entries);
            Log.DirectoryUploadCompleted(logger, root, ElapsedMs(), uploaded, bytes, skipped, failed);
        }
    }

    /// <summary>The end of a call that stopped early; <paramref name="entries"/> has a null for each file not done.</summary>
    public void Stopped(string reason, IReadOnlyList<DirectoryUploadEntry?> entries)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            DirectoryUploadEntry[] done = [.. entries.OfType<DirectoryUploadEntry>()];
            (int uploaded, long bytes, int skipped, int failed) = Count(done);
            Log.DirectoryUploadStopped(logger, root, ElapsedMs(), reason, uploaded, bytes, skipped, failed, entries.Count - done.Length);
        }
    }

    private long ElapsedMs() => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private static (int Uploaded, long Bytes, int Skipped, int Failed) Count(IReadOnlyList<DirectoryUploadEntry> entries)
    {
        int uploaded = 0, skipped = 0, failed = 0;
        long bytes = 0;
        foreach (DirectoryUploadEntry entry in entries)
        {
            switch (entry.Outcome)
            {
                case DirectoryUploadOutcome.Uploaded:
                    uploaded++;
                    bytes += entry.Size;
                    break;
                case DirectoryUploadOutcome.Skipped:
                    skipped++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        return (uploaded, bytes, skipped, failed);
    }
}
