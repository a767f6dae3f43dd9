using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Resumes an upload from its checkpoint: lists the server's parts, keeps those the checkpoint and the server agree
/// on (<see cref="PartReconciler"/>), adopts server parts the checkpoint lacks once the local bytes' MD5 equals their
/// ETag, and leaves the rest in the ledger's missing list. An upload the server no longer knows may be one whose
/// Complete succeeded with its reply lost: <see cref="CompletedUploadRecovery"/> checks the object against the file.
/// </summary>
internal sealed class ResumePlanner(IMultipartOperations operations, CompletedUploadRecovery recovery, ILogger logger)
{
    /// <summary>Fills the session's ledger and progress from the checkpoint and the server, and starts its checkpoint writer.</summary>
    /// <returns>The outcome when the upload turns out to be completed already; null when parts are to be uploaded and completed.</returns>
    public async Task<CompletionOutcome?> ResumeAsync(UploadSession session, CheckpointDocument checkpoint, CancellationToken cancellationToken)
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
            CompletionOutcome? recovered = await recovery.TryRecoverFromFileAsync(session, cancellationToken).ConfigureAwait(false);
            if (recovered is null)
            {
                throw;
            }

            for (int partNumber = 1; partNumber <= session.Layout.PartCount; partNumber++)
            {
                session.Progress.AddResumedPart(partNumber, session.Layout.GetLength(partNumber));
            }

            session.ResumedBytes = session.Layout.FileSize;
            session.Checkpoints.Start(checkpoint.UploadId, session.Source.Name, session.Ledger);
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
        session.Checkpoints.Start(checkpoint.UploadId, session.Source.Name, session.Ledger);
        if (adopted > 0 || reconciliation.DroppedFromCheckpoint > 0)
        {
            await session.Checkpoints.SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.UploadResuming(logger, checkpoint.UploadId, reconciliation.Kept.Count, adopted, rejected, session.Layout.PartCount - session.Ledger.CompletedCount, session.Layout.PartCount);
        return null;
    }

    /// <summary>Adopts server parts the checkpoint lacks when the local bytes' MD5 equals their ETag; returns how many were rejected.</summary>
    private async Task<int> AdoptServerPartsAsync(UploadSession session, IReadOnlyList<OssPartInfo> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return 0;
        }

        int rejected = 0;
        await Parallel.ForEachAsync(candidates, session.CreateParallelOptions(cancellationToken), async (candidate, token) =>
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
}
