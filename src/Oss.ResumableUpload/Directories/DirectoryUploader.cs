using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Directories;

/// <summary>
/// Uploads a directory tree: walks it (<see cref="DirectoryWalker"/>), then runs up to MaxConcurrency files at once
/// through the resumable engine, every part and small file of every file taking a slot of one
/// <see cref="TransferBudget"/>. Before a file is sent it may be skipped: recorded in the tree's
/// <see cref="DirectoryManifest"/> and confirmed by the server, or found unchanged on the server
/// (<see cref="UnchangedObjectCheck"/>) with SkipUnchanged or when a previous run did not finish. It logs the tree's
/// start and end and each file skipped or failed (<see cref="DirectoryRunLog"/>).
/// </summary>
internal sealed class DirectoryUploader(
    IMultipartOperations operations,
    Func<ResumableUploadRequest, CancellationToken, Task<ResumableUploadResult>> uploadFile,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly UnchangedObjectCheck _check = new(operations);

    /// <summary>Gets the least time between two progress reports.</summary>
    internal TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public async Task<DirectoryUploadResult> UploadAsync(UploadDirectoryRequest request, CancellationToken cancellationToken)
    {
        DirectoryRequestValidator.Validate(request);
        long started = timeProvider.GetTimestamp();
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.LocalDirectory));
        string? checkpoints = request.CheckpointDirectory is null ? null : Path.GetFullPath(request.CheckpointDirectory);
        var walker = new DirectoryWalker(request, checkpoints);
        (List<LocalTreeFile> files, List<UnreadableDirectory> unreadable) = await Task.Run(() => walker.Walk(root, cancellationToken), cancellationToken).ConfigureAwait(false);

        DirectoryManifest? manifest = checkpoints is null ? null : DirectoryManifest.Open(checkpoints, request.BucketName, request.KeyPrefix, root, timeProvider);
        if (manifest is { Existed: false })
        {
            await SaveQuietlyAsync(manifest, marker: true).ConfigureAwait(false);
        }

        var log = new DirectoryRunLog(logger, timeProvider, root, started);
        log.Starting(request, files);
        var run = new Run(request, files, manifest, new DirectoryProgressTracker(request.Progress, files, timeProvider, ProgressInterval), log);
        run.Progress.ReportInitial();
        using var budget = new TransferBudget(request.MaxConcurrency);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var entries = new DirectoryUploadEntry?[files.Count];
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = request.MaxConcurrency, CancellationToken = stop.Token, TaskScheduler = TaskScheduler.Default };
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (index, token) =>
            {
                run.Progress.OnFileStarted(index);
                DirectoryUploadEntry entry = await UploadFileAsync(run, index, budget, token).ConfigureAwait(false);
                entries[index] = entry;
                run.Progress.OnFileDone(index, files[index].Size, entry.Outcome);
                if (entry.Outcome == DirectoryUploadOutcome.Failed && request.StopOnFirstFailure && Interlocked.CompareExchange(ref run.FirstFailure, entry.Error, null) is null)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.FirstFailure is not null && !cancellationToken.IsCancellationRequested)
        {
            // StopOnFirstFailure: the files in flight were cancelled; the first failure is what the caller sees.
        }
        catch (OperationCanceledException)
        {
            log.Stopped("cancelled", entries);
            throw;
        }
        finally
        {
            if (manifest is not null)
            {
                await SaveQuietlyAsync(manifest).ConfigureAwait(false);
            }
        }

        if (run.FirstFailure is Exception first)
        {
            log.Stopped("StopOnFirstFailure", entries);
            ExceptionDispatchInfo.Throw(first);
        }

        List<DirectoryUploadEntry> result = [.. entries.Select(e => e!)];
        result.AddRange(unreadable.Select(d => new DirectoryUploadEntry
        {
            RelativePath = d.RelativePath,
            ObjectKey = request.KeyPrefix + d.RelativePath,
            Outcome = DirectoryUploadOutcome.Failed,
            Error = d.Error,
        }));
        result.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        foreach (UnreadableDirectory directory in unreadable)
        {
            log.FileFailed(directory.RelativePath, directory.Error);
        }

        log.Completed(result);
        if (manifest is not null && result.TrueForAll(e => e.Outcome != DirectoryUploadOutcome.Failed))
        {
            manifest.Delete();
        }

        return new DirectoryUploadResult { Files = result };
    }

    private static async Task SaveQuietlyAsync(DirectoryManifest manifest, bool marker = false)
    {
        try
        {
            await (marker ? manifest.SaveMarkerAsync(CancellationToken.None) : manifest.SaveAsync(CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A manifest that cannot be saved only costs the next run server checks, never a wrong skip.
        }
    }

    private async Task<DirectoryUploadEntry> UploadFileAsync(Run run, int index, TransferBudget budget, CancellationToken cancellationToken)
    {
        UploadDirectoryRequest request = run.Request;
        LocalTreeFile file = run.Files[index];
        string key = request.KeyPrefix + file.RelativePath;
        try
        {
            if (await WhyAlreadyUploadedAsync(run, file, key, cancellationToken).ConfigureAwait(false) is string reason)
            {
                run.Log.FileSkipped(file.RelativePath, request.BucketName, key, reason);
                return Entry(file, key, DirectoryUploadOutcome.Skipped);
            }

            ResumableUploadResult uploaded = await uploadFile(CreateFileRequest(request, file, key, run.Progress.ForFile(index), budget), cancellationToken).ConfigureAwait(false);
            if (run.Manifest is not null)
            {
                await RecordQuietlyAsync(run.Manifest, file, uploaded.ETag, uploaded.HashCrc64Ecma, cancellationToken).ConfigureAwait(false);
            }

            return Entry(file, key, DirectoryUploadOutcome.Uploaded, result: uploaded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            run.Log.FileFailed(file.RelativePath, ex);
            return Entry(file, key, DirectoryUploadOutcome.Failed, error: ex);
        }
    }

    /// <summary>
    /// Why nothing needs sending, or null when the file must be uploaded: the manifest records the file unchanged and
    /// the server holds that object; or, with SkipUnchanged or after an unfinished run (whose last completions the
    /// manifest may miss), the server's object has the file's size and CRC-64.
    /// </summary>
    private async Task<string?> WhyAlreadyUploadedAsync(Run run, LocalTreeFile file, string key, CancellationToken cancellationToken)
    {
        string bucket = run.Request.BucketName;
        if (run.Manifest?.Find(file) is ManifestFileRecord record && await _check.MatchesRecordAsync(bucket, key, record, cancellationToken).ConfigureAwait(false))
        {
            return "the checkpoint directory's manifest records it unchanged and the server holds that object";
        }

        if (!run.Request.SkipUnchanged && run.Manifest is not { Existed: true })
        {
            return null;
        }

        HeadObjectResult? same = await _check.FindSameAsync(bucket, key, file, cancellationToken).ConfigureAwait(false);
        if (same is not null && run.Manifest is not null)
        {
            await RecordQuietlyAsync(run.Manifest, file, same.ETag, same.HashCrc64Ecma, cancellationToken).ConfigureAwait(false);
        }

        return same is null ? null : "the server's object has the file's size and CRC-64";
    }

    private static async Task RecordQuietlyAsync(DirectoryManifest manifest, LocalTreeFile file, string eTag, ulong? crc64, CancellationToken cancellationToken)
    {
        try
        {
            await manifest.RecordAsync(file, eTag, crc64, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is on the server; a manifest that cannot be saved only costs the next run a server check.
        }
    }

    /// <summary>
    /// One file's request: every setting of <paramref name="request"/> that <see cref="ResumableUploadRequest"/> also
    /// has, carried across. A test reflects over both types so that a setting added to one and not copied fails.
    /// </summary>
    internal static ResumableUploadRequest CreateFileRequest(UploadDirectoryRequest request, LocalTreeFile file, string key, IProgress<UploadProgress>? progress, TransferBudget? budget)
    {
        return new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = key,
            UploadFilePath = file.FullPath,
            PartSize = request.PartSize,
            MaxConcurrency = request.MaxConcurrency,
            CheckpointDirectory = request.CheckpointDirectory,
            CancelBehavior = request.CancelBehavior ?? (request.CheckpointDirectory is null ? UploadCancelBehavior.Abort : UploadCancelBehavior.KeepForResume),
            Progress = progress,
            ContentType = request.ContentType,
            Metadata = request.Metadata,
            StorageClass = request.StorageClass,
            ServerSideEncryption = request.ServerSideEncryption,
            ServerSideEncryptionKeyId = request.ServerSideEncryptionKeyId,
            Tags = request.Tags,
            ObjectAcl = request.ObjectAcl,
            ForbidOverwrite = request.ForbidOverwrite,
            CacheControl = request.CacheControl,
            ContentDisposition = request.ContentDisposition,
            ContentEncoding = request.ContentEncoding,
            Expires = request.Expires,
            TrafficLimit = request.TrafficLimit,
            Budget = budget,
        };
    }

    private static DirectoryUploadEntry Entry(LocalTreeFile file, string key, DirectoryUploadOutcome outcome, ResumableUploadResult? result = null, Exception? error = null)
        => new() { RelativePath = file.RelativePath, ObjectKey = key, Outcome = outcome, Size = file.Size, Result = result, Error = error };

    /// <summary>What every file of one call shares.</summary>
    private sealed class Run(UploadDirectoryRequest request, List<LocalTreeFile> files, DirectoryManifest? manifest, DirectoryProgressTracker progress, DirectoryRunLog log)
    {
        public Exception? FirstFailure;

        public UploadDirectoryRequest Request { get; } = request;

        public List<LocalTreeFile> Files { get; } = files;

        public DirectoryManifest? Manifest { get; } = manifest;

        public DirectoryProgressTracker Progress { get; } = progress;

        public DirectoryRunLog Log { get; } = log;
    }
}
