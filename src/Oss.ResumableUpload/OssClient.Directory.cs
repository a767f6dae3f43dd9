using Oss.ResumableUpload.Directories;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload;

/// <content>The upload of a directory tree.</content>
public partial class OssClient
{
    /// <summary>
    /// Uploads every file under <see cref="UploadDirectoryRequest.LocalDirectory"/> that the filters select, each
    /// through the resumable engine, with at most <see cref="UploadDirectoryRequest.MaxConcurrency"/> parts and small
    /// files in flight across the whole tree. docs/directory-upload.md describes filters, resume and failures.
    /// </summary>
    /// <remarks>
    /// One file failing does not stop the others (unless <see cref="UploadDirectoryRequest.StopOnFirstFailure"/>):
    /// it is listed as <see cref="DirectoryUploadOutcome.Failed"/> with its exception. Like
    /// <see cref="ResumableUploadAsync"/>, the files go through the client's internal adapter, not the overridable primitives.
    /// </remarks>
    /// <param name="request">What to upload, where, and how.</param>
    /// <param name="cancellationToken">A token to cancel every file; see <see cref="UploadDirectoryRequest.CancelBehavior"/>.</param>
    /// <returns>Every selected file with its outcome.</returns>
    /// <exception cref="ArgumentException">The request is invalid (bucket, key prefix, part size, concurrency, settings, patterns).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OssException">With <see cref="UploadDirectoryRequest.StopOnFirstFailure"/>: the first file's failure (any exception type a file can fail with).</exception>
    public virtual Task<DirectoryUploadResult> UploadDirectoryAsync(UploadDirectoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TimeProvider timeProvider = Pipeline.Settings.Options.TimeProvider;
        var files = new ResumableUploader(Operations, _engineLogger, timeProvider) { CheckpointLogger = _checkpointLogger };
        var uploader = new DirectoryUploader(Operations, files.UploadAsync, timeProvider, _directoryLogger);
        return uploader.UploadAsync(request, cancellationToken);
    }
}
