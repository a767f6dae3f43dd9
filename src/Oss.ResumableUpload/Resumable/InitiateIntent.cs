using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Closes the one window a checkpoint cannot cover: between InitiateMultipartUpload reaching the server and the
/// first checkpoint save naming its upload id. Before Initiate is sent, an intent (a checkpoint document with no
/// upload id and the time) is saved under the upload's key; the first real save replaces it. A later call that finds
/// an intent knows that a process died in that window, and aborts the uploads of exactly this object key that the
/// server shows initiated within <see cref="Window"/> of the intent's time (nothing else can have referenced them:
/// the intent is saved under the object's checkpoint lock). Then the upload starts afresh.
/// </summary>
internal sealed class InitiateIntent(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>How far the server's initiation time may be from the intent's: OSS's own clock-skew limit.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxPages = 20;

    public static bool IsIntent(CheckpointDocument document) => string.IsNullOrEmpty(document.UploadId) && document.InitiatingAt is not null;

    /// <summary>Saves the intent; false when the store failed (then the window stays open, as before intents).</summary>
    public async Task<bool> SaveAsync(ICheckpointStore store, CheckpointKey key, string filePath, PartLayout layout, CancellationToken cancellationToken)
    {
        CheckpointDocument document = layout.ToCheckpointUpload(key, string.Empty, filePath).ToDocument([], timeProvider.GetUtcNow());
        try
        {
            await store.SaveAsync(key, CheckpointSerializer.Serialize(document), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointSaveFailed(logger, "(initiating)", ex);
            return false;
        }
    }

    /// <summary>Aborts the uploads an interrupted Initiate may have left for the intent's object key.</summary>
    public Task AbortLeftoversAsync(CheckpointDocument intent, CancellationToken cancellationToken)
        => AbortLeftoversAsync(intent.BucketName, intent.ObjectKey, intent.InitiatingAt!.Value, cancellationToken);

    /// <summary>Aborts the uploads of exactly <paramref name="objectKey"/> initiated within <see cref="Window"/> of <paramref name="at"/>.</summary>
    public async Task AbortLeftoversAsync(string bucketName, string objectKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var leftovers = new List<OssMultipartUploadInfo>();
        string? keyMarker = null;
        string? uploadIdMarker = null;
        for (int page = 0; page < MaxPages; page++)
        {
            ListMultipartUploadsResult result = await operations.ListMultipartUploadsAsync(
                new ListMultipartUploadsRequest { BucketName = bucketName, Prefix = objectKey, KeyMarker = keyMarker, UploadIdMarker = uploadIdMarker },
                cancellationToken).ConfigureAwait(false);
            foreach (OssMultipartUploadInfo upload in result.Uploads)
            {
                if (string.Equals(upload.ObjectKey, objectKey, StringComparison.Ordinal)
                    && (upload.Initiated - at).Duration() <= Window
                    && CheckpointValidator.IsWellFormedUploadId(upload.UploadId))
                {
                    leftovers.Add(upload);
                }
            }

            if (!result.IsTruncated || (result.NextKeyMarker == keyMarker && result.NextUploadIdMarker == uploadIdMarker))
            {
                break;
            }

            keyMarker = result.NextKeyMarker;
            uploadIdMarker = result.NextUploadIdMarker;
        }

        foreach (OssMultipartUploadInfo upload in leftovers)
        {
            try
            {
                await operations.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = bucketName, ObjectKey = objectKey, UploadId = upload.UploadId },
                    cancellationToken).ConfigureAwait(false);
                Log.InterruptedInitiateAborted(logger, upload.UploadId, bucketName, objectKey);
            }
            catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
            {
            }
        }
    }
}
