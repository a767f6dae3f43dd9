using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The resumable upload state machine, driven through <see cref="IMultipartOperations"/>: validate, lock the
/// checkpoint, clean superseded uploads, then either one PutObject (a small file) or initiate / resume, upload the
/// missing parts in parallel, complete and verify. docs/architecture.md draws the states.
/// </summary>
internal sealed class ResumableUploader(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider)
{
    private readonly CompletedUploadRecovery _recovery = new(operations, logger);
    private readonly ObjectVerifier _verifier = new(operations, logger);
    private readonly InitiateIntent _intent = new(operations, logger, timeProvider);

    /// <summary>Gets the time AbortMultipartUpload may take after a cancel or failure; it never uses the caller's token.</summary>
    internal TimeSpan AbortTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the part size above which parts stream from the file instead of a pooled buffer.</summary>
    internal long StreamingThreshold { get; init; } = PartTransfer.DefaultStreamingThreshold;

    /// <summary>Gets the least time between two progress reports (the first and the last are always made).</summary>
    internal TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the batching rule of checkpoint saves.</summary>
    internal CheckpointSavePolicy SavePolicy { get; init; } = CheckpointSavePolicy.Default;

    /// <summary>Gets the logger of the <see cref="FileCheckpointStore"/> made for <see cref="ResumableUploadRequest.CheckpointDirectory"/>; null uses the engine's.</summary>
    internal ILogger? CheckpointLogger { get; init; }

    /// <summary>Gets the checkpoint writer of the last multipart attempt, for tests and benchmarks.</summary>
    internal CheckpointWriter? LastCheckpointWriter { get; private set; }

    /// <summary>Validates the request (throwing before any request is sent) and runs the upload.</summary>
    public Task<ResumableUploadResult> UploadAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        UploadRequestValidator.Validate(request);
        return UploadCoreAsync(request, cancellationToken);
    }

    private ICheckpointStore? ResolveStore(ResumableUploadRequest request)
        => request.CheckpointStore ?? (request.CheckpointDirectory is { Length: > 0 } directory ? new FileCheckpointStore(directory, CheckpointLogger ?? logger) : null);

    private static OssClientException CreateCannotResume(ResumableUploadRequest request, UploadVanishedException vanished)
        => new(
            OssClientErrorCode.CannotResumeUpload,
            $"Upload {vanished.UploadId} of oss://{request.BucketName}/{request.ObjectKey} no longer exists on the server (it was aborted, completed elsewhere or removed by a lifecycle rule). "
            + "Its checkpoint has been deleted, so the next call starts afresh; set RestartWhenCannotResume to do that automatically.",
            vanished.InnerException);

    private async Task<ResumableUploadResult> UploadCoreAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        using Activity? activity = OssActivitySource.Source.StartActivity("ResumableUpload");
        activity?.SetTag("oss.bucket", request.BucketName);
        activity?.SetTag("oss.key", request.ObjectKey);
        try
        {
            ICheckpointStore? store = ResolveStore(request);
            using UploadSource source = UploadSource.Open(request.UploadFilePath);
            PartLayout freshLayout = PartLayout.Compute(source.Length, request.PartSize);
            Log.UploadStarting(logger, source.FullPath, source.Length, request.BucketName, request.ObjectKey);

            using IDisposable? objectLock = (store as ICheckpointLockProvider)?.AcquireLock(request.BucketName, request.ObjectKey);
            string fingerprint = store is null ? string.Empty : await FileFingerprint.ComputeAsync(source, cancellationToken).ConfigureAwait(false);
            var key = new CheckpointKey(request.BucketName, request.ObjectKey, fingerprint);
            if (store is not null)
            {
                await new SupersededUploadCleaner(operations, _intent, logger).CleanAsync(store, key, cancellationToken).ConfigureAwait(false);
            }

            bool allowResume = store is not null;
            int restartsLeft = request.RestartWhenCannotResume ? 1 : 0;
            while (true)
            {
                try
                {
                    ResumableUploadResult result = await RunAsync(request, source, store, key, freshLayout, allowResume, cancellationToken).ConfigureAwait(false);
                    activity?.SetTag("oss.upload_id", result.UploadId);
                    activity?.SetTag("oss.resumed_bytes", result.ResumedBytes);
                    return result;
                }
                catch (UploadVanishedException vanished)
                {
                    if (restartsLeft-- <= 0)
                    {
                        throw CreateCannotResume(request, vanished);
                    }

                    Log.UploadRestarting(logger, request.BucketName, request.ObjectKey, vanished.UploadId);
                    allowResume = false;
                }
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<ResumableUploadResult> RunAsync(
        ResumableUploadRequest request,
        UploadSource source,
        ICheckpointStore? store,
        CheckpointKey key,
        PartLayout freshLayout,
        bool allowResume,
        CancellationToken cancellationToken)
    {
        (CheckpointDocument? checkpoint, PartLayout storedLayout) = allowResume && store is not null
            ? await LoadCheckpointAsync(store, key, source.Length, cancellationToken).ConfigureAwait(false)
            : (null, default);
        PartLayout layout = checkpoint is null ? freshLayout : storedLayout;

        var progress = new ProgressAggregator(request.Progress, source.Length, layout.PartCount, timeProvider, ProgressInterval);
        var transfer = new PartTransfer(operations, source, layout, StreamingThreshold);
        if (checkpoint is null && layout.PartCount == 1 && request.UseSinglePutForSmallFiles)
        {
            return await PutSingleAsync(request, source, progress, transfer, cancellationToken).ConfigureAwait(false);
        }

        var session = new UploadSession(request, source, store, key, layout, progress, transfer);
        return await RunMultipartAsync(session, checkpoint, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(CheckpointDocument? Document, PartLayout Layout)> LoadCheckpointAsync(ICheckpointStore store, CheckpointKey key, long fileLength, CancellationToken cancellationToken)
    {
        string? json;
        try
        {
            json = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointLoadFailed(logger, key.BucketName, key.ObjectKey, ex);
            return (null, default);
        }

        if (json is null)
        {
            return (null, default);
        }

        string? problem;
        PartLayout layout = default;
        bool parsed = CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out problem);
        if (parsed && InitiateIntent.IsIntent(document!)
            && string.Equals(document!.BucketName, key.BucketName, StringComparison.Ordinal)
            && string.Equals(document.ObjectKey, key.ObjectKey, StringComparison.Ordinal))
        {
            await CleanIntentAsync(store, key, document, cancellationToken).ConfigureAwait(false);
            return (null, default);
        }

        if (parsed && (problem = CheckpointValidator.Validate(document!, key, fileLength, out layout)) is null)
        {
            Log.CheckpointLoaded(logger, document!.UploadId, document.Parts.Count, document.PartCount);
            return (document, layout);
        }

        // Ignored and removed, so that a bad document costs one warning, not every later upload of the object.
        Log.CheckpointIgnored(logger, key.BucketName, key.ObjectKey, problem ?? "it is invalid");
        try
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.IgnoredCheckpointDeleteFailed(logger, key.BucketName, key.ObjectKey, ex);
        }

        return (null, default);
    }

    /// <summary>A process died while initiating: abort what it may have left, then forget the intent.</summary>
    private async Task CleanIntentAsync(ICheckpointStore store, CheckpointKey key, CheckpointDocument intent, CancellationToken cancellationToken)
    {
        try
        {
            await _intent.AbortLeftoversAsync(intent, cancellationToken).ConfigureAwait(false);
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept: the next call tries again. This call starts afresh either way.
            Log.InterruptedInitiateCleanFailed(logger, key.BucketName, key.ObjectKey, ex);
        }
    }

    private async Task<ResumableUploadResult> PutSingleAsync(ResumableUploadRequest request, UploadSource source, ProgressAggregator progress, PartTransfer transfer, CancellationToken cancellationToken)
    {
        Log.SinglePutStarting(logger, request.BucketName, request.ObjectKey);
        progress.ReportInitial();
        PutObjectResult result;
        PartHash hash;
        try
        {
            using PreparedRange prepared = await transfer.PrepareAsync(1, cancellationToken).ConfigureAwait(false);
            hash = prepared.Hash;
            result = await operations.PutObjectAsync(
                new ObjectUpload
                {
                    BucketName = request.BucketName,
                    ObjectKey = request.ObjectKey,
                    Body = prepared.Body,
                    ContentMd5 = prepared.Hash.Md5,
                    ContentType = request.ContentType ?? ContentTypes.FromKey(request.ObjectKey),
                    Metadata = request.Metadata,
                    Callback = request.Callback,
                    BytesSentInAttempt = progress.CreatePartCallback(1),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !UploadErrors.IsFileChanged(ex) && source.HasChanged())
        {
            throw source.CreateChangedException("detected after the request failed", ex);
        }

        ulong? verifiedCrc = await _verifier.VerifyAsync(request.BucketName, request.ObjectKey, null, hash.Crc64, result.HashCrc64Ecma, result.RequestId, cancellationToken).ConfigureAwait(false);

        progress.OnPartCompleted(1, source.Length);
        progress.ReportFinal();
        Log.SingleObjectUploaded(logger, request.BucketName, request.ObjectKey, source.Length, result.ETag, result.RequestId);
        return new ResumableUploadResult
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            ETag = result.ETag,
            UploadId = null,
            HashCrc64Ecma = verifiedCrc ?? result.HashCrc64Ecma,
            IsCrc64Verified = verifiedCrc is not null,
            CallbackResponseBody = result.CallbackResponseBody,
            RequestId = result.RequestId,
            ContentLength = source.Length,
        };
    }

    private async Task<ResumableUploadResult> RunMultipartAsync(UploadSession session, CheckpointDocument? checkpoint, CancellationToken cancellationToken)
    {
        CompletionOutcome outcome;
        try
        {
            CompletionOutcome? alreadyComplete = checkpoint is null
                ? await InitiateAsync(session, cancellationToken).ConfigureAwait(false)
                : await ResumeAsync(session, checkpoint, cancellationToken).ConfigureAwait(false);
            if (alreadyComplete is null)
            {
                session.Progress.ReportInitial();
                await UploadMissingPartsAsync(session, cancellationToken).ConfigureAwait(false);
                session.Source.EnsureUnchanged();
                outcome = await CompleteAsync(session, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                outcome = alreadyComplete;
            }
        }
        catch (Exception ex) when (session.UploadId is not null)
        {
            bool cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            Exception? replacement = await HandleFailureAsync(session, ex, cancelled).ConfigureAwait(false);
            if (replacement is not null)
            {
                throw replacement;
            }

            throw;
        }

        // The upload id is spent: whatever follows, its checkpoint is useless.
        if (session.Writer is not null)
        {
            await session.Writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        ulong? verifiedCrc = outcome.VerifiedAgainstFile
            ? outcome.HashCrc64Ecma
            : await _verifier.VerifyAsync(session.BucketName, session.ObjectKey, session.UploadId, session.Ledger.CombineCrc64(), outcome.HashCrc64Ecma, outcome.RequestId, cancellationToken).ConfigureAwait(false);

        session.Progress.ReportFinal();
        Log.UploadCompleted(logger, session.UploadId!, session.BucketName, session.ObjectKey, session.Layout.FileSize, session.Layout.PartCount, session.ResumedBytes, outcome.ETag, outcome.RequestId);
        return new ResumableUploadResult
        {
            BucketName = session.BucketName,
            ObjectKey = session.ObjectKey,
            ETag = outcome.ETag,
            UploadId = session.UploadId,
            HashCrc64Ecma = verifiedCrc ?? outcome.HashCrc64Ecma,
            IsCrc64Verified = verifiedCrc is not null,
            CallbackResponseBody = outcome.CallbackResponseBody,
            RequestId = outcome.RequestId,
            Resumed = checkpoint is not null,
            ResumedBytes = session.ResumedBytes,
            ContentLength = session.Layout.FileSize,
        };
    }

    private async Task<CompletionOutcome?> InitiateAsync(UploadSession session, CancellationToken cancellationToken)
    {
        bool intentSaved = session.Store is not null
            && await _intent.SaveAsync(session.Store, session.Key, session.Source.FullPath, session.Layout, cancellationToken).ConfigureAwait(false);
        InitiateMultipartUploadResult initiated;
        try
        {
            initiated = await operations.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest
                {
                    BucketName = session.BucketName,
                    ObjectKey = session.ObjectKey,
                    ContentType = session.Request.ContentType ?? ContentTypes.FromKey(session.ObjectKey),
                    Metadata = session.Request.Metadata,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (intentSaved)
        {
            // The request may have reached the server (a lost reply, a cancel in flight): clean up now if possible.
            await CleanInterruptedInitiateAsync(session).ConfigureAwait(false);
            throw;
        }

        session.UploadId = initiated.UploadId;
        Log.UploadInitiated(logger, initiated.UploadId, session.BucketName, session.ObjectKey, session.Layout.PartCount, session.Layout.PartSize);

        if (session.Store is not null)
        {
            // Saved at once, so that even a crash before the first part leaves the upload id to resume or abort.
            session.Writer = CreateWriter(session);
            await session.Writer.SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<CompletionOutcome?> ResumeAsync(UploadSession session, CheckpointDocument checkpoint, CancellationToken cancellationToken)
    {
        session.UploadId = checkpoint.UploadId;
        var serverParts = new List<OssPartInfo>();
        try
        {
            await foreach (OssPartInfo part in operations.ListAllPartsAsync(session.BucketName, session.ObjectKey, checkpoint.UploadId, cancellationToken).ConfigureAwait(false))
            {
                serverParts.Add(part);
            }
        }
        catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
        {
            // Perhaps the last run's Complete reached the server and the process died before the reply (or the
            // checkpoint's delete). The checkpoint need not list every part: the object is checked against the file.
            CompletionOutcome? recovered = await _recovery.TryRecoverFromFileAsync(session, cancellationToken).ConfigureAwait(false);
            if (recovered is null)
            {
                throw;
            }

            for (int partNumber = 1; partNumber <= session.Layout.PartCount; partNumber++)
            {
                session.Progress.AddResumedPart(partNumber, session.Layout.GetLength(partNumber));
            }

            session.ResumedBytes = session.Layout.FileSize;
            session.Writer = session.Store is null ? null : CreateWriter(session);
            return recovered;
        }

        PartReconciliation reconciliation = PartReconciler.Reconcile(session.Layout, checkpoint.Parts, serverParts);
        foreach (CompletedPart part in reconciliation.Kept)
        {
            session.Ledger.MarkCompleted(part.Number, part.ETag, part.Crc64);
            session.Progress.AddResumedPart(part.Number, part.Size);
        }

        int rejected = await AdoptServerPartsAsync(session, reconciliation.Candidates, cancellationToken).ConfigureAwait(false);
        int adopted = reconciliation.Candidates.Count - rejected;
        session.ResumedBytes = session.Ledger.CompletedBytes;
        session.Writer = CreateWriter(session);
        if (adopted > 0 || reconciliation.DroppedFromCheckpoint > 0)
        {
            await session.Writer.SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.UploadResuming(logger, checkpoint.UploadId, reconciliation.Kept.Count, adopted, rejected, session.Layout.PartCount - session.Ledger.CompletedCount, session.Layout.PartCount);
        return null;
    }

    /// <summary>Aborts what a failed Initiate may have created and deletes the intent; keeps the intent if that fails.</summary>
    private async Task CleanInterruptedInitiateAsync(UploadSession session)
    {
        using var timeout = new CancellationTokenSource(AbortTimeout, timeProvider);
        try
        {
            await _intent.AbortLeftoversAsync(session.Key.BucketName, session.Key.ObjectKey, timeProvider.GetUtcNow(), timeout.Token).ConfigureAwait(false);
            await session.Store!.DeleteAsync(session.Key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.InterruptedInitiateCleanFailed(logger, session.BucketName, session.ObjectKey, ex);
        }
    }

    /// <summary>Adopts server parts the checkpoint lacks when the local bytes' MD5 equals their ETag; returns how many were rejected.</summary>
    private async Task<int> AdoptServerPartsAsync(UploadSession session, IReadOnlyList<OssPartInfo> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return 0;
        }

        int rejected = 0;
        await Parallel.ForEachAsync(candidates, CreateParallelOptions(session, cancellationToken), async (candidate, token) =>
        {
            PartHash local = await session.Transfer.HashAsync(candidate.PartNumber, token).ConfigureAwait(false);
            if (local.Md5.MatchesETag(candidate.ETag) && (candidate.HashCrc64Ecma is not ulong serverCrc || serverCrc == local.Crc64))
            {
                session.Ledger.MarkCompleted(candidate.PartNumber, candidate.ETag, local.Crc64);
                session.Progress.AddResumedPart(candidate.PartNumber, candidate.Size);
            }
            else
            {
                Interlocked.Increment(ref rejected);
                Log.PartRejected(logger, candidate.PartNumber, session.UploadId!, candidate.ETag);
            }
        }).ConfigureAwait(false);
        return rejected;
    }

    private Task UploadMissingPartsAsync(UploadSession session, CancellationToken cancellationToken)
    {
        List<int> missing = session.Ledger.GetMissingParts();
        if (missing.Count == 0)
        {
            return Task.CompletedTask;
        }

        string uploadId = session.UploadId!;

        // The first failure cancels the token given to the other parts, and is the exception that surfaces.
        return Parallel.ForEachAsync(missing, CreateParallelOptions(session, cancellationToken), async (partNumber, token) =>
        {
            CompletedPart part = await session.Transfer.UploadAsync(
                session.BucketName, session.ObjectKey, uploadId, partNumber, session.Progress.CreatePartCallback(partNumber), token).ConfigureAwait(false);
            session.Ledger.MarkCompleted(part.Number, part.ETag, part.Crc64);
            session.Progress.OnPartCompleted(part.Number, part.Size);
            if (session.Writer is not null)
            {
                await session.Writer.OnPartCompletedAsync(token).ConfigureAwait(false);
            }
        });
    }

    private async Task<CompletionOutcome> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        List<PartETag> parts = session.Ledger.ToPartETags();
        if (session.Writer is not null)
        {
            // Every part goes into the checkpoint before Complete is sent: a process killed from here on leaves a
            // checkpoint that needs no part again, whether or not the server performed the Complete.
            await session.Writer.SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.UploadCompleting(logger, session.UploadId!, parts.Count);
        try
        {
            CompleteMultipartUploadResult completed = await operations.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = session.BucketName,
                    ObjectKey = session.ObjectKey,
                    UploadId = session.UploadId!,
                    Parts = parts,
                    Callback = session.Request.Callback,
                },
                cancellationToken).ConfigureAwait(false);
            return new CompletionOutcome(completed.ETag, completed.HashCrc64Ecma, completed.CallbackResponseBody, completed.RequestId);
        }
        catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
        {
            // A retried Complete whose first attempt succeeded: the object is there, the upload id is not.
            CompletionOutcome? recovered = await _recovery.TryRecoverFromLedgerAsync(session, cancellationToken).ConfigureAwait(false);
            if (recovered is null)
            {
                throw;
            }

            return recovered;
        }
    }

    /// <summary>Applies the cancel and failure rules (docs/resumability.md); returns an exception to throw instead, or null to rethrow.</summary>
    private async Task<Exception?> HandleFailureAsync(UploadSession session, Exception exception, bool cancelled)
    {
        string uploadId = session.UploadId!;
        int completed = session.Ledger.CompletedCount;
        int total = session.Layout.PartCount;
        if (exception is UploadVanishedException)
        {
            return null;
        }

        if (UploadErrors.IsNoSuchUpload(exception))
        {
            if (session.Writer is not null)
            {
                await session.Writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (session.Store is not null)
            {
                await session.Store.DeleteAsync(session.Key, CancellationToken.None).ConfigureAwait(false);
            }

            Log.UploadVanished(logger, uploadId, completed, total);
            return new UploadVanishedException(uploadId, exception);
        }

        if (UploadErrors.IsCallbackFailed(exception))
        {
            // The object is stored; only the callback failed. Nothing is left to resume.
            await DeleteCheckpointAsync(session).ConfigureAwait(false);
            Log.UploadFailed(logger, uploadId, completed, total, exception.GetType().Name, "the object was stored; the checkpoint was deleted", exception);
            return null;
        }

        if (!cancelled && (UploadErrors.IsFileChanged(exception) || HasChangedSafely(session.Source)))
        {
            // The parts can never form this file again: abort rather than keep them.
            Log.FileChangedDuringUpload(logger, uploadId);
            await AbortAndForgetAsync(uploadId, session).ConfigureAwait(false);
            return UploadErrors.IsFileChanged(exception) ? null : session.Source.CreateChangedException("detected after a request failed", exception);
        }

        bool keep = session.Writer is not null && (!cancelled || session.Request.CancelBehavior == UploadCancelBehavior.KeepForResume);
        if (keep && !await session.Writer!.SaveAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Kept without a checkpoint, nothing would ever resume or abort it: its parts would be billed unseen.
            Log.KeepFailedAborting(logger, uploadId);
            keep = false;
        }

        if (!keep)
        {
            await AbortAndForgetAsync(uploadId, session).ConfigureAwait(false);
        }

        string outcome = keep ? "the upload and its checkpoint were kept for a resume" : "the upload was aborted";
        if (cancelled)
        {
            Log.UploadCancelled(logger, uploadId, completed, total, outcome);
        }
        else
        {
            Log.UploadFailed(logger, uploadId, completed, total, exception.GetType().Name, outcome, exception);
        }

        return null;
    }

    /// <summary>
    /// Aborts the upload and deletes its checkpoint. If the abort itself fails, the parts may still be on the server,
    /// so the checkpoint is kept (saved) instead: the next call then finds the upload, and resumes it or, if the file
    /// changed, aborts it as a superseded upload, rather than leaving billable parts that nothing points to.
    /// </summary>
    private async Task AbortAndForgetAsync(string uploadId, UploadSession session)
    {
        if (await AbortAsync(uploadId, session).ConfigureAwait(false))
        {
            await DeleteCheckpointAsync(session).ConfigureAwait(false);
        }
        else if (session.Writer is not null)
        {
            await session.Writer.SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Sends AbortMultipartUpload under its own timeout; returns false when the upload may still exist.</summary>
    private async Task<bool> AbortAsync(string uploadId, UploadSession session)
    {
        // Never the caller's token: it may be the very token that was cancelled.
        using var timeout = new CancellationTokenSource(AbortTimeout, timeProvider);
        try
        {
            await operations.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = session.BucketName, ObjectKey = session.ObjectKey, UploadId = uploadId },
                timeout.Token).ConfigureAwait(false);
            Log.UploadAborted(logger, uploadId);
            return true;
        }
        catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
        {
            Log.UploadAborted(logger, uploadId);
            return true;
        }
        catch (Exception ex)
        {
            Log.AbortFailed(logger, uploadId, ex);
            return false;
        }
    }

    private static async Task DeleteCheckpointAsync(UploadSession session)
    {
        if (session.Writer is not null)
        {
            await session.Writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool HasChangedSafely(UploadSource source)
    {
        try
        {
            return source.HasChanged();
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static ParallelOptions CreateParallelOptions(UploadSession session, CancellationToken cancellationToken)
        => new() { MaxDegreeOfParallelism = session.Request.MaxConcurrency, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default };

    private CheckpointWriter CreateWriter(UploadSession session)
    {
        var writer = new CheckpointWriter(session.Store!, session.Key, session.UploadId!, session.Source.FullPath, session.Ledger, SavePolicy, timeProvider, logger);
        LastCheckpointWriter = writer;
        return writer;
    }
}
