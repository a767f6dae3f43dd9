using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Uploads a file that fits in one part with a single PutObject: no upload id, no checkpoint, nothing to resume or
/// abort. The part is read and hashed once; the stored object's CRC-64 is checked like a multipart upload's.
/// </summary>
internal sealed class SinglePutUploader(IMultipartOperations operations, ObjectVerifier verifier, ILogger logger)
{
    /// <summary>Sends the file; a request that fails after the file changed surfaces as <see cref="OssClientErrorCode.FileChanged"/>.</summary>
    public async Task<ResumableUploadResult> PutAsync(ResumableUploadRequest request, UploadSource source, ProgressAggregator progress, PartTransfer transfer, CancellationToken cancellationToken)
    {
        Log.SinglePutStarting(logger, request.BucketName, request.ObjectKey);
        progress.ReportInitial();
        PutObjectResult result;
        PartHash hash;
        try
        {
            using Directories.TransferBudget.Lease slot = await Directories.TransferBudget.AcquireAsync(request.Budget, cancellationToken).ConfigureAwait(false);
            using PreparedRange prepared = await transfer.PrepareAsync(1, cancellationToken).ConfigureAwait(false);
            hash = prepared.Hash;
            result = await operations.PutObjectAsync(
                new ObjectUpload
                {
                    BucketName = request.BucketName,
                    ObjectKey = request.ObjectKey,
                    Content = prepared.Content,
                    ContentMd5 = prepared.Hash.Md5,
                    Settings = ObjectSettings.From(request) with { ContentType = request.ContentType ?? ContentTypes.FromKey(request.ObjectKey) },
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
}
