using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Finishes a multipart upload whose parts are all on the server: saves the checkpoint with every part, sends
/// CompleteMultipartUpload (treating a NoSuchUpload that hides a lost reply as success when the object matches the
/// ledger), and then checks the stored object's CRC-64 against the parts' combined CRC-64 (<see cref="ObjectVerifier"/>).
/// </summary>
internal sealed class MultipartCompleter(IMultipartOperations operations, CompletedUploadRecovery recovery, ObjectVerifier verifier, ILogger logger)
{
    public async Task<CompletionOutcome> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        List<PartETag> parts = session.Ledger.ToPartETags();

        // Every part goes into the checkpoint before Complete is sent: a process killed from here on leaves a
        // checkpoint that needs no part again, whether or not the server performed the Complete.
        await session.Checkpoints.SaveAsync(cancellationToken).ConfigureAwait(false);

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
                    ForbidOverwrite = session.Request.ForbidOverwrite,
                },
                cancellationToken).ConfigureAwait(false);
            return new CompletionOutcome(completed.ETag, completed.HashCrc64Ecma, completed.CallbackResponseBody, completed.RequestId);
        }
        catch (Exception ex) when (UploadErrors.IsNoSuchUpload(ex))
        {
            // A retried Complete whose first attempt succeeded: the object is there, the upload id is not.
            CompletionOutcome? recovered = await recovery.TryRecoverFromLedgerAsync(session, cancellationToken).ConfigureAwait(false);
            if (recovered is null)
            {
                throw;
            }

            return recovered;
        }
    }

    /// <summary>Checks the stored object, unless the outcome was already compared with the file itself.</summary>
    /// <returns>The verified CRC-64, or null when the server reported none.</returns>
    public async Task<ulong?> VerifyAsync(UploadSession session, CompletionOutcome outcome, CancellationToken cancellationToken)
        => outcome.VerifiedAgainstFile
            ? outcome.HashCrc64Ecma
            : await verifier.VerifyAsync(session.BucketName, session.ObjectKey, session.UploadId, session.Ledger.CombineCrc64(), outcome.HashCrc64Ecma, outcome.RequestId, cancellationToken).ConfigureAwait(false);
}
