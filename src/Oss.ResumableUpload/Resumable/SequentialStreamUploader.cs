using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Uploads a non-seekable stream (or one without a length): its bytes are read once, in order, into pooled part
/// buffers (<see cref="SequentialPartReader"/>), and up to <see cref="ResumableUploadRequest.MaxConcurrency"/> parts
/// are hashed and sent in parallel from their buffers, so memory stays near (MaxConcurrency + 1) × the current part
/// size. A failed part is retried by the client from its buffer. Nothing is checkpointed: the bytes cannot be read
/// again, so a cancel or a failure aborts the upload.
/// </summary>
/// <remarks>
/// The first part is read before anything is sent: a stream that ends inside it (an empty one included) goes up as
/// one PutObject when <see cref="ResumableUploadRequest.UseSinglePutForSmallFiles"/> is set. Part sizes follow
/// <see cref="StreamPartSizeRule"/>; once the stream ends, the layout follows from its length, and Complete and the
/// CRC-64 check run as for a file.
/// </remarks>
internal sealed class SequentialStreamUploader(
    IMultipartOperations operations,
    SinglePutUploader singlePut,
    MultipartCompleter completer,
    ILogger logger,
    TimeProvider timeProvider,
    ArrayPool<byte> bufferPool,
    TimeSpan abortTimeout,
    TimeSpan progressInterval)
{
    public async Task<ResumableUploadResult> UploadAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        Log.SequentialStreamStarting(logger, request.BucketName, request.ObjectKey, request.PartSize);
        var reader = new SequentialPartReader(request.UploadStream!, request.PartSize, bufferPool);
        var progress = new ProgressAggregator(request.Progress, -1, 0, timeProvider, progressInterval);
        PooledPartBuffer? first = await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (reader.Ended && request.UseSinglePutForSmallFiles)
            {
                return await singlePut.PutBufferAsync(request, first, progress, cancellationToken).ConfigureAwait(false);
            }

            // Until the end is read the layout is the rule's largest; part numbers, sizes and offsets are the same in both.
            PartLayout provisional = PartLayout.ForGrowingParts(StreamPartSizeRule.MaxLength(request.PartSize), request.PartSize);
            var source = new SequentialStreamSource(-1);
            var transfer = new PartTransfer(operations, source, provisional, PartTransfer.DefaultStreamingThreshold, bufferPool, request.TrafficLimit);
            var session = new UploadSession(request, source, NoCheckpointSession.Instance, provisional, progress, transfer);

            InitiateMultipartUploadResult initiated = await new UnrecordedInitiate(operations, logger, timeProvider, abortTimeout).InitiateAsync(
                request.BucketName, request.ObjectKey, ObjectSettingsDigest.Effective(request), cancellationToken).ConfigureAwait(false);
            session.UploadId = initiated.UploadId;
            Log.UploadInitiated(logger, initiated.UploadId, request.BucketName, request.ObjectKey, 0, request.PartSize);

            PooledPartBuffer handedOver = first;
            first = null;
            return await RunPartsAndCompleteAsync(session, reader, handedOver, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            first?.Dispose();
        }
    }

    private async Task<ResumableUploadResult> RunPartsAndCompleteAsync(UploadSession session, SequentialPartReader reader, PooledPartBuffer first, CancellationToken cancellationToken)
    {
        ResumableUploadRequest request = session.Request;
        string uploadId = session.UploadId!;
        UploadSession final;
        CompletionOutcome outcome;
        PooledPartBuffer? notHandedOver = first;
        try
        {
            session.Progress.ReportInitial();
            using var gate = new Concurrency.ConcurrencyGate(request.MaxConcurrency, request.MaxConcurrency); // it only counts: the loop bounds the parts
            await Parallel.ForEachAsync(ReadPartsAsync(reader, first, cancellationToken), session.CreateParallelOptions(cancellationToken), async (part, token) =>
            {
                using PooledPartBuffer buffer = part.Buffer;
                if (part.Number == 1)
                {
                    Volatile.Write(ref notHandedOver, null);
                }

                CompletedPart completed;
                using (await gate.EnterAsync(token).ConfigureAwait(false))
                {
                    completed = await UploadPartAsync(session, uploadId, part.Number, buffer, token).ConfigureAwait(false);
                }

                session.Ledger.MarkCompleted(completed.Number, completed.ETag, completed.Crc64);
                session.Progress.OnPartCompleted(completed.Number, completed.Size);
            }).ConfigureAwait(false);

            session.PeakConcurrency = gate.Peak;
            PartLayout layout = PartLayout.ForGrowingParts(reader.BytesRead, request.PartSize);
            final = new UploadSession(request, new SequentialStreamSource(reader.BytesRead), NoCheckpointSession.Instance, layout, session.Progress, session.Transfer) { UploadId = uploadId };
            foreach (Checkpoints.CheckpointPart part in session.Ledger.SnapshotForCheckpoint())
            {
                final.Ledger.MarkCompleted(part.Number, part.ETag, part.Crc64);
            }

            outcome = await completer.CompleteAsync(final, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A loop cancelled before it took the first part leaves it here.
            Interlocked.Exchange(ref notHandedOver, null)?.Dispose();
            bool cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            Exception? replacement = await new FailurePolicy(operations, logger, timeProvider, abortTimeout).HandleFailureAsync(session, ex, cancelled).ConfigureAwait(false);
            if (replacement is UploadVanishedException vanished)
            {
                // Nothing can restart a stream that has been read: the upload simply failed.
                throw new OssClientException(OssClientErrorCode.CannotResumeUpload, $"Upload {uploadId} of oss://{request.BucketName}/{request.ObjectKey} vanished from the server while the stream was being uploaded.", vanished.InnerException);
            }

            if (replacement is not null)
            {
                throw replacement;
            }

            throw;
        }

        ulong? verifiedCrc = await completer.VerifyAsync(final, outcome, cancellationToken).ConfigureAwait(false);
        final.Progress.SetTotals(final.Layout.FileSize, final.Layout.PartCount);
        final.Progress.ReportFinal();
        Log.UploadCompleted(logger, uploadId, request.BucketName, request.ObjectKey, final.Layout.FileSize, final.Layout.PartCount, 0, outcome.ETag, outcome.RequestId);
        return new ResumableUploadResult
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            ETag = outcome.ETag,
            UploadId = uploadId,
            HashCrc64Ecma = verifiedCrc ?? outcome.HashCrc64Ecma,
            IsCrc64Verified = verifiedCrc is not null,
            CallbackResponseBody = outcome.CallbackResponseBody,
            RequestId = outcome.RequestId,
            ContentLength = final.Layout.FileSize,
            PeakConcurrency = session.PeakConcurrency,
        };
    }

    /// <summary>Hashes a part from its buffer, sends it, and checks the CRC-64 the server reports.</summary>
    private async Task<CompletedPart> UploadPartAsync(UploadSession session, string uploadId, int partNumber, PooledPartBuffer buffer, CancellationToken cancellationToken)
    {
        using Activity? activity = UploadTelemetry.StartPart(uploadId, partNumber, buffer.Length);
        try
        {
            Hashing.PartHash hash = buffer.ComputeHash();
            UploadPartResult result = await operations.UploadPartAsync(
                new PartUpload
                {
                    BucketName = session.BucketName,
                    ObjectKey = session.ObjectKey,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    Content = buffer.ToContent(),
                    ContentMd5 = hash.Md5,
                    TrafficLimit = session.Request.TrafficLimit,
                    BytesSentInAttempt = session.Progress.CreatePartCallback(partNumber),
                },
                cancellationToken).ConfigureAwait(false);
            if (result.HashCrc64Ecma is ulong serverCrc && serverCrc != hash.Crc64)
            {
                throw new OssClientException(
                    OssClientErrorCode.ChecksumMismatch,
                    string.Create(CultureInfo.InvariantCulture, $"The server stored part {partNumber} of upload {uploadId} with CRC-64 {serverCrc}, but the part's CRC-64 is {hash.Crc64} (RequestId {result.RequestId})."));
            }

            UploadTelemetry.PartUploaded();
            return new CompletedPart(partNumber, buffer.Length, result.ETag, hash.Crc64);
        }
        catch (Exception ex) when (UploadTelemetry.PartFailed(activity, ex, cancellationToken))
        {
            throw; // Not reached: the filter marks the span and lets the exception pass.
        }
    }

    /// <summary>The parts in order, the first already read; each buffer is handed to the loop, which disposes it.</summary>
    private static async IAsyncEnumerable<(int Number, PooledPartBuffer Buffer)> ReadPartsAsync(SequentialPartReader reader, PooledPartBuffer first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return (1, first);
        while (!reader.Ended)
        {
            PooledPartBuffer next = await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            yield return (reader.PartsRead, next);
        }
    }
}
