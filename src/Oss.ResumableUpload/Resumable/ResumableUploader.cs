using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The resumable upload state machine, driven through <see cref="IMultipartOperations"/>. It only sequences: validate,
/// open the checkpoint session (<see cref="CheckpointSessionFactory"/>: lock, fingerprint, superseded cleanup), then
/// either one PutObject (<see cref="SinglePutUploader"/>) or initiate / resume (<see cref="ResumePlanner"/>), upload
/// the missing parts (<see cref="PartScheduler"/>), complete and verify (<see cref="MultipartCompleter"/>); a cancel
/// or failure goes to <see cref="FailurePolicy"/>, and a vanished upload restarts once when asked. A file and a
/// seekable stream take that path alike (<see cref="UploadSource"/>); a non-seekable stream is read once, in order,
/// by <see cref="SequentialStreamUploader"/>.
/// docs/architecture.md draws the states.
/// </summary>
internal sealed class ResumableUploader(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider)
{
    private readonly SinglePutUploader _singlePut = new(operations, new ObjectVerifier(operations, logger), logger);
    private readonly ResumePlanner _resumePlanner = new(operations, new CompletedUploadRecovery(operations, logger), logger);
    private readonly MultipartCompleter _completer = new(operations, new CompletedUploadRecovery(operations, logger), new ObjectVerifier(operations, logger), logger);

    /// <summary>Gets the time AbortMultipartUpload may take after a cancel or failure; it never uses the caller's token.</summary>
    internal TimeSpan AbortTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the part size above which parts stream from the file instead of a pooled buffer.</summary>
    internal long StreamingThreshold { get; init; } = PartTransfer.DefaultStreamingThreshold;

    /// <summary>Gets the least time between two progress reports (the first and the last are always made).</summary>
    internal TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the batching rule of checkpoint saves.</summary>
    internal CheckpointSavePolicy SavePolicy { get; init; } = CheckpointSavePolicy.Default;

    /// <summary>Gets the pool of every buffer the engine rents (part bodies, hash chunks, fingerprint samples); tests track it.</summary>
    internal ArrayPool<byte> BufferPool { get; init; } = ArrayPool<byte>.Shared;

    /// <summary>Gets the logger of the <see cref="FileCheckpointStore"/> made for <see cref="ResumableUploadRequest.CheckpointDirectory"/>; null uses the engine's.</summary>
    internal ILogger? CheckpointLogger { get; init; }

    /// <summary>Validates the request (throwing before any request is sent) and runs the upload.</summary>
    public Task<ResumableUploadResult> UploadAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        UploadRequestValidator.Validate(request);
        return UploadCoreAsync(request, cancellationToken);
    }

    private static OssClientException CreateCannotResume(ResumableUploadRequest request, UploadVanishedException vanished)
        => new(
            OssClientErrorCode.CannotResumeUpload,
            $"Upload {vanished.UploadId} of oss://{request.BucketName}/{request.ObjectKey} no longer exists on the server (it was aborted, completed elsewhere or removed by a lifecycle rule). "
            + "Its checkpoint has been deleted, so the next call starts afresh; set RestartWhenCannotResume to do that automatically.",
            vanished.InnerException);

    private async Task<ResumableUploadResult> UploadCoreAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        using Activity? activity = UploadTelemetry.StartUpload(request.BucketName);
        long started = timeProvider.GetTimestamp();
        try
        {
            if (request.UploadStream is { } stream && !SeekableStreamSource.IsSeekableWithLength(stream))
            {
                var sequential = new SequentialStreamUploader(operations, _singlePut, _completer, logger, timeProvider, BufferPool, AbortTimeout, ProgressInterval);
                ResumableUploadResult streamed = await sequential.UploadAsync(request, cancellationToken).ConfigureAwait(false);
                UploadTelemetry.UploadCompleted(activity, streamed, timeProvider, started);
                return streamed;
            }

            var sessions = new CheckpointSessionFactory(operations, logger, timeProvider, SavePolicy, AbortTimeout, BufferPool, CheckpointLogger ?? logger);
            ICheckpointStore? store = sessions.ResolveStore(request);
            using UploadSource source = UploadSource.Open(request);
            PartLayout freshLayout = PartLayout.Compute(source.Length, request.PartSize);
            Log.UploadStarting(logger, source.Name, source.Length, request.BucketName, request.ObjectKey);

            using ICheckpointSession checkpoints = await sessions.OpenAsync(store, request, source, cancellationToken).ConfigureAwait(false);
            bool allowResume = true;
            int restartsLeft = request.RestartWhenCannotResume ? 1 : 0;
            while (true)
            {
                try
                {
                    ResumableUploadResult result = await RunAsync(request, source, checkpoints, freshLayout, allowResume, cancellationToken).ConfigureAwait(false);
                    UploadTelemetry.UploadCompleted(activity, result, timeProvider, started);
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
            UploadTelemetry.UploadFailed(activity, ex, ActivityOutcome.IsCancel(ex, cancellationToken), timeProvider, started);
            throw;
        }
    }

    private async Task<ResumableUploadResult> RunAsync(
        ResumableUploadRequest request,
        UploadSource source,
        ICheckpointSession checkpoints,
        PartLayout freshLayout,
        bool allowResume,
        CancellationToken cancellationToken)
    {
        LoadedCheckpoint? checkpoint = allowResume ? await checkpoints.LoadAsync(source.Length, cancellationToken).ConfigureAwait(false) : null;
        PartLayout layout = checkpoint?.Layout ?? freshLayout;
        if (checkpoint is not null)
        {
            UploadTelemetry.UploadResumed();
        }

        var progress = new ProgressAggregator(request.Progress, source.Length, layout.PartCount, timeProvider, ProgressInterval);
        var transfer = new PartTransfer(operations, source, layout, StreamingThreshold, BufferPool, request.TrafficLimit);
        if (checkpoint is null && layout.PartCount == 1 && request.UseSinglePutForSmallFiles)
        {
            return await _singlePut.PutAsync(request, source, progress, transfer, cancellationToken).ConfigureAwait(false);
        }

        var session = new UploadSession(request, source, checkpoints, layout, progress, transfer);
        return await RunMultipartAsync(session, checkpoint?.Document, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResumableUploadResult> RunMultipartAsync(UploadSession session, CheckpointDocument? checkpoint, CancellationToken cancellationToken)
    {
        CompletionOutcome outcome;
        try
        {
            CompletionOutcome? alreadyComplete = checkpoint is null
                ? await InitiateAsync(session, cancellationToken).ConfigureAwait(false)
                : await _resumePlanner.ResumeAsync(session, checkpoint, cancellationToken).ConfigureAwait(false);
            if (alreadyComplete is null)
            {
                session.Progress.ReportInitial();
                await PartScheduler.UploadMissingPartsAsync(session, timeProvider, logger, cancellationToken).ConfigureAwait(false);
                session.Source.EnsureUnchanged();
                outcome = await _completer.CompleteAsync(session, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                outcome = alreadyComplete;
            }
        }
        catch (Exception ex) when (session.UploadId is not null)
        {
            bool cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var policy = new FailurePolicy(operations, logger, timeProvider, AbortTimeout);
            Exception? replacement = await policy.HandleFailureAsync(session, ex, cancelled).ConfigureAwait(false);
            if (replacement is not null)
            {
                throw replacement;
            }

            throw;
        }

        // The upload id is spent: whatever follows, its checkpoint is useless.
        await session.Checkpoints.DeleteAsync().ConfigureAwait(false);

        ulong? verifiedCrc = await _completer.VerifyAsync(session, outcome, cancellationToken).ConfigureAwait(false);

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
            PeakConcurrency = session.PeakConcurrency,
        };
    }

    private async Task<CompletionOutcome?> InitiateAsync(UploadSession session, CancellationToken cancellationToken)
    {
        bool intentSaved = await session.Checkpoints.SaveIntentAsync(session.Source.Name, session.Layout, cancellationToken).ConfigureAwait(false);
        InitiateMultipartUploadResult initiated;
        try
        {
            ObjectSettings settings = ObjectSettingsDigest.Effective(session.Request);
            initiated = intentSaved
                ? await operations.InitiateMultipartUploadAsync(session.BucketName, session.ObjectKey, settings, cancellationToken).ConfigureAwait(false)
                : await new UnrecordedInitiate(operations, logger, timeProvider, AbortTimeout).InitiateAsync(session.BucketName, session.ObjectKey, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (intentSaved)
        {
            // The request may have reached the server (a lost reply, a cancel in flight): clean up now if possible.
            await session.Checkpoints.CleanInterruptedInitiateAsync().ConfigureAwait(false);
            throw;
        }

        session.UploadId = initiated.UploadId;
        Log.UploadInitiated(logger, initiated.UploadId, session.BucketName, session.ObjectKey, session.Layout.PartCount, session.Layout.PartSize);

        // Saved at once, so that even a crash before the first part leaves the upload id to resume or abort.
        session.Checkpoints.Start(initiated.UploadId, session.Source.Name, session.Ledger);
        await session.Checkpoints.SaveAsync(cancellationToken).ConfigureAwait(false);

        return null;
    }
}
