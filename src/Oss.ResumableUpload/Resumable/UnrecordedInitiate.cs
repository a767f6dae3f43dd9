using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// InitiateMultipartUpload when no checkpoint records an intent (no store, or a non-seekable stream). A cancel while
/// the request is in flight may come after the server created the upload, and nothing on disk would name it. So the
/// caller's token does not cancel the request itself: it ends the wait at once, then the reply is awaited for at most
/// the abort timeout and the upload it names is aborted, as a cancel aborts an upload that has parts.
/// </summary>
internal sealed class UnrecordedInitiate(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider, TimeSpan abortTimeout)
{
    public async Task<InitiateMultipartUploadResult> InitiateAsync(string bucketName, string objectKey, ObjectSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var requestCancel = new CancellationTokenSource();
        Task<InitiateMultipartUploadResult> request = operations.InitiateMultipartUploadAsync(bucketName, objectKey, settings, requestCancel.Token);
        try
        {
            InitiateMultipartUploadResult initiated = await request.WaitAsync(cancellationToken).ConfigureAwait(false);
            requestCancel.Dispose();
            return initiated;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !request.IsCompleted)
        {
            await AbandonAsync(bucketName, objectKey, request, requestCancel).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbandonAsync(string bucketName, string objectKey, Task<InitiateMultipartUploadResult> request, CancellationTokenSource requestCancel)
    {
        // Whatever becomes of the request, its failure is observed here.
        _ = request.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        using var timeout = new CancellationTokenSource(abortTimeout, timeProvider);
        try
        {
            InitiateMultipartUploadResult initiated;
            try
            {
                initiated = await request.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception) when (request.IsFaulted || request.IsCanceled)
            {
                return; // No reply names an upload: the server refused it or the request never arrived whole.
            }
            catch (OperationCanceledException ex)
            {
                requestCancel.Cancel(); // Slower than the abort timeout: stop it; an upload it may still create stays.
                Log.InterruptedInitiateCleanFailed(logger, bucketName, objectKey, ex);
                return;
            }

            try
            {
                await operations.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = bucketName, ObjectKey = objectKey, UploadId = initiated.UploadId },
                    timeout.Token).ConfigureAwait(false);
                Log.CancelledInitiateAborted(logger, initiated.UploadId, bucketName, objectKey);
            }
            catch (Exception ex) when (!UploadErrors.IsNoSuchUpload(ex))
            {
                Log.InterruptedInitiateCleanFailed(logger, bucketName, objectKey, ex);
            }
        }
        finally
        {
            requestCancel.Dispose();
        }
    }
}
