using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Decides whether an upload that answers <c>NoSuchUpload</c> was in fact completed: its CompleteMultipartUpload
/// reached the server, but the reply was lost (a dropped connection, or a process killed at that moment). The object
/// must exist with the file's size and the file's CRC-64; anything else is not this upload's object.
/// </summary>
internal sealed class CompletedUploadRecovery(IMultipartOperations operations, ILogger logger)
{
    /// <summary>
    /// Within one call: every part's CRC-64 was computed from the local bytes by this process (or checked against the
    /// server's), so the ledger's combined CRC-64 stands for the file.
    /// </summary>
    public async Task<CompletionOutcome?> TryRecoverFromLedgerAsync(UploadSession session, CancellationToken cancellationToken)
    {
        HeadObjectResult? head = await operations.HeadObjectAsync(session.BucketName, session.ObjectKey, cancellationToken).ConfigureAwait(false);
        if (head is null || head.ContentLength != session.Layout.FileSize || head.HashCrc64Ecma is not ulong crc || crc != session.Ledger.CombineCrc64())
        {
            return null;
        }

        Log.CompleteReplyLost(logger, session.UploadId!, session.BucketName, session.ObjectKey);
        return new CompletionOutcome(head.ETag, head.HashCrc64Ecma, null, head.RequestId);
    }

    /// <summary>
    /// On a resume: the checkpoint may list only some parts, and its values are not proof of anything, so the
    /// object's CRC-64 is compared with the CRC-64 of the file itself, read once (in parallel, by part). The file is
    /// only read when an object of the file's size exists.
    /// </summary>
    public async Task<CompletionOutcome?> TryRecoverFromFileAsync(UploadSession session, CancellationToken cancellationToken)
    {
        HeadObjectResult? head = await operations.HeadObjectAsync(session.BucketName, session.ObjectKey, cancellationToken).ConfigureAwait(false);
        if (head is null || head.ContentLength != session.Layout.FileSize || head.HashCrc64Ecma is not ulong serverCrc)
        {
            return null;
        }

        int partCount = session.Layout.PartCount;
        var crcs = new ulong[partCount];
        await Parallel.ForEachAsync(Enumerable.Range(1, partCount), session.CreateParallelOptions(cancellationToken), async (partNumber, token) =>
        {
            PartHash hash = await session.Transfer.HashAsync(partNumber, token).ConfigureAwait(false);
            crcs[partNumber - 1] = hash.Crc64;
        }).ConfigureAwait(false);

        ulong fileCrc = 0;
        for (int i = 0; i < partCount; i++)
        {
            fileCrc = OssCrc64.Combine(fileCrc, crcs[i], session.Layout.GetLength(i + 1));
        }

        if (fileCrc != serverCrc)
        {
            Log.CompletedObjectDiffers(logger, session.UploadId!, session.BucketName, session.ObjectKey);
            return null;
        }

        Log.CompleteReplyLost(logger, session.UploadId!, session.BucketName, session.ObjectKey);
        return new CompletionOutcome(head.ETag, head.HashCrc64Ecma, null, head.RequestId, VerifiedAgainstFile: true);
    }
}
