using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Uploads a file that fits in one part with a single PutObject: no upload id, no checkpoint, nothing to resume or
/// abort. The part is read and hashed once (or was read already: a short non-seekable stream); the stored object's CRC-64 is checked like a multipart upload's.
/// </summary>
internal sealed class SinglePutUploader(IMultipartOperations operations, ObjectVerifier verifier, ILogger logger)
{
    /// <summary>Sends the file; a request that fails after the file changed surfaces as <see cref="OssClientErrorCode.FileChanged"/>.</summary>
    public async Task<ResumableUploadResult> PutAsync(ResumableUploadRequest request, UploadSource source, ProgressAggregator progress, PartTransfer transfer, CancellationToken cancellationToken)
    {
        Log.SinglePutStarting(logger, request.BucketName, request.ObjectKey);
        progress.ReportInitial();

        // A directory upload's shared budget: the slot covers the read and the send.
        using Directories.TransferBudget.Lease slot = await Directories.TransferBudget.AcquireAsync(request.Budget, cancellationToken).ConfigureAwait(false);
        PreparedRange prepared;
        try
        {
            prepared = await transfer.PrepareAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !UploadErrors.IsFileChanged(ex) && source.HasChanged())
        {
            throw source.CreateChangedException("detected after the read failed", ex);
        }

        using (prepared)
        {
            return await SendAsync(request, source, prepared.Content, prepared.Hash, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends bytes already in memory (a non-seekable stream that ended inside its first part).</summary>
    public Task<ResumableUploadResult> PutBufferAsync(ResumableUploadRequest request, PooledPartBuffer buffer, ProgressAggregator progress, CancellationToken cancellationToken)
    {
        Log.SinglePutStarting(logger, request.BucketName, request.ObjectKey);
        progress.ReportInitial();
        return SendAsync(request, new SequentialStreamSource(buffer.Length), buffer.ToContent(), buffer.ComputeHash(), progress, cancellationToken);
    }

    private async Task<ResumableUploadResult> SendAsync(ResumableUploadRequest request, UploadSource source, PartContent content, PartHash hash, ProgressAggregator progress, CancellationToken cancellationToken)
    {
        PutObjectResult result;
        try
        {
            result = await operations.PutObjectAsync(
                new ObjectUpload
                {
                    BucketName = request.BucketName,
                    ObjectKey = request.ObjectKey,
                    Content = content,
                    ContentMd5 = hash.Md5,
                    Settings = ObjectSettingsDigest.Effective(request),
                    Callback = request.Callback,
                    TrafficLimit = request.TrafficLimit,
                    BytesSentInAttempt = progress.CreatePartCallback(1),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !UploadErrors.IsFileChanged(ex) && source.HasChanged())
        {
            throw source.CreateChangedException("detected after the request failed", ex);
        }

        ulong? verifiedCrc = await verifier.VerifyAsync(request.BucketName, request.ObjectKey, null, hash.Crc64, result.HashCrc64Ecma, result.RequestId, cancellationToken).ConfigureAwait(false);

        progress.SetTotals(content.Length, 1);
        progress.OnPartCompleted(1, content.Length);
        progress.ReportFinal();
        Log.SingleObjectUploaded(logger, request.BucketName, request.ObjectKey, content.Length, result.ETag, result.RequestId);
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
            ContentLength = content.Length,
            PeakConcurrency = 1,
        };
    }
}
