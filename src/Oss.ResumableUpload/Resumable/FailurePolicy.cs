using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// What a cancel or a failure of a multipart upload (one that has an upload id) leaves behind: the table of
/// docs/resumability.md, checked in this order.
/// </summary>
/// <remarks>
/// | Event | Upload | Checkpoint | Thrown |
/// |---|---|---|---|
/// | upload vanished (NoSuchUpload) | gone | deleted | <see cref="UploadVanishedException"/> (the caller restarts or reports CannotResumeUpload) |
/// | callback failed (203) | completed | deleted | the original exception |
/// | file changed (not a cancel) | aborted | deleted | FileChanged |
/// | failure, or cancel with KeepForResume, and the session can keep it | kept | saved | the original exception |
/// | the same, but the save failed | aborted | deleted | the original exception |
/// | cancel with Abort, or no store | aborted | deleted | the original exception |
///
/// An abort that fails keeps the checkpoint (saved) instead of deleting it, so that the next call finds the upload.
/// Aborts run under their own timeout, never the caller's token.
/// </remarks>
internal sealed class FailurePolicy(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider, TimeSpan abortTimeout)
{
    /// <summary>Applies the rules; returns an exception to throw instead, or null to rethrow the original.</summary>
    /// <param name="session">The upload; its upload id is set.</param>
    /// <param name="exception">What stopped it.</param>
    /// <param name="cancelled">True when the caller's token was cancelled, rather than a request failing.</param>
    public async Task<Exception?> HandleFailureAsync(UploadSession session, Exception exception, bool cancelled)
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
            await session.Checkpoints.ForgetAsync().ConfigureAwait(false);
            Log.UploadVanished(logger, uploadId, completed, total);
            return new UploadVanishedException(uploadId, exception);
        }

        if (UploadErrors.IsCallbackFailed(exception))
        {
            // The object is stored; only the callback failed. Nothing is left to resume.
            await session.Checkpoints.DeleteAsync().ConfigureAwait(false);
            Log.UploadFailed(logger, uploadId, completed, total, exception.GetType().Name, "the object was stored; the checkpoint was deleted", exception);
            return null;
        }

        if (UploadErrors.IsFileAlreadyExists(exception))
        {
            // ForbidOverwrite and the object appeared after Initiate: a resume would only fail the same way.
            Log.UploadFailed(logger, uploadId, completed, total, exception.GetType().Name, "the object already exists and ForbidOverwrite is set; the upload was aborted", exception);
            await AbortAndForgetAsync(session).ConfigureAwait(false);
            return null;
        }

        if (!cancelled && (UploadErrors.IsFileChanged(exception) || HasChangedSafely(session.Source)))
        {
            // The parts can never form this file again: abort rather than keep them.
            Log.FileChangedDuringUpload(logger, uploadId);
            await AbortAndForgetAsync(session).ConfigureAwait(false);
            return UploadErrors.IsFileChanged(exception) ? null : session.Source.CreateChangedException("detected after a request failed", exception);
        }

        bool keep = session.Checkpoints.CanKeepForResume && (!cancelled || session.Request.CancelBehavior == UploadCancelBehavior.KeepForResume);
        if (keep && !await session.Checkpoints.SaveAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Kept without a checkpoint, nothing would ever resume or abort it: its parts would be billed unseen.
            Log.KeepFailedAborting(logger, uploadId);
            keep = false;
        }

        if (!keep)
        {
            await AbortAndForgetAsync(session).ConfigureAwait(false);
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
    private async Task AbortAndForgetAsync(UploadSession session)
    {
        if (await AbortAsync(session).ConfigureAwait(false))
        {
            await session.Checkpoints.DeleteAsync().ConfigureAwait(false);
        }
        else
        {
            await session.Checkpoints.SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Sends AbortMultipartUpload under its own timeout; returns false when the upload may still exist.</summary>
    private async Task<bool> AbortAsync(UploadSession session)
    {
        string uploadId = session.UploadId!;

        // Never the caller's token: it may be the very token that was cancelled.
        using var timeout = new CancellationTokenSource(abortTimeout, timeProvider);
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

    /// <summary>Whether the file changed; a file that can no longer be checked counts as changed.</summary>
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
}
