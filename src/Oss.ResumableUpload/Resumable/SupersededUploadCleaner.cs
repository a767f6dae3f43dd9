using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Removes what earlier versions of the file left behind for the same object: their checkpoints, and the multipart
/// uploads those checkpoints name (aborted, so their parts stop being billed). The caller holds the object's
/// checkpoint lock, so none of them can belong to an upload that is still running with this store.
/// </summary>
internal sealed class SupersededUploadCleaner(IMultipartOperations operations, InitiateIntent intent, ILogger logger)
{
    public async Task CleanAsync(ICheckpointStore store, CheckpointKey current, CancellationToken cancellationToken)
    {
        var superseded = new List<CheckpointKey>();
        await foreach (CheckpointKey key in store.ListAsync(current.BucketName, current.ObjectKey, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(key.FileFingerprint, current.FileFingerprint, StringComparison.Ordinal))
            {
                superseded.Add(key);
            }
        }

        foreach (CheckpointKey key in superseded)
        {
            try
            {
                await CleanOneAsync(store, current, key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A store that cannot read or delete one stale entry must not stop the upload of the current file.
                Log.SupersededCleanFailed(logger, current.BucketName, current.ObjectKey, ex);
            }
        }
    }

    private async Task CleanOneAsync(ICheckpointStore store, CheckpointKey current, CheckpointKey key, CancellationToken cancellationToken)
    {
        string? json = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        bool deletable = true;

        // Only a well-formed document for this very object names an upload worth aborting; anything else is removed.
        if (json is not null
            && CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out _)
            && string.Equals(document!.BucketName, current.BucketName, StringComparison.Ordinal)
            && string.Equals(document.ObjectKey, current.ObjectKey, StringComparison.Ordinal))
        {
            if (InitiateIntent.IsIntent(document))
            {
                // An earlier version's process died while initiating; throws (and keeps the entry) if it cannot clean up.
                await intent.AbortLeftoversAsync(document, cancellationToken).ConfigureAwait(false);
            }
            else if (CheckpointValidator.IsWellFormedUploadId(document.UploadId))
            {
                deletable = await TryAbortAsync(document, cancellationToken).ConfigureAwait(false);
            }
        }

        if (deletable)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryAbortAsync(CheckpointDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await operations.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = document.BucketName, ObjectKey = document.ObjectKey, UploadId = document.UploadId },
                cancellationToken).ConfigureAwait(false);
            Log.SupersededUploadAborted(logger, document.UploadId, document.BucketName, document.ObjectKey);
            return true;
        }
        catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
        {
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SupersededAbortFailed(logger, document.UploadId, ex);
            return false;
        }
    }
}
