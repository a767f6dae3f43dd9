using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload;

/// <content>The resumable upload.</content>
public partial class OssClient
{
    /// <summary>
    /// Uploads a local file with multipart upload, saving a checkpoint as parts complete so that an interrupted
    /// upload (a network fault, a cancel, a killed process) continues from the parts already on the server.
    /// </summary>
    /// <remarks>
    /// The upload drives the client's internal adapter directly, not the public primitives: overriding
    /// <see cref="InitiateMultipartUploadAsync"/>, <see cref="UploadPartAsync"/>, <see cref="ListPartsAsync"/>,
    /// <see cref="CompleteMultipartUploadAsync"/>, <see cref="HeadObjectAsync"/> or any other of them does not change
    /// what this method sends. To replace the whole upload in a test, override this method.
    /// </remarks>
    /// <param name="request">What to upload, where, and how.</param>
    /// <param name="cancellationToken">A token to cancel the upload; see <see cref="ResumableUploadRequest.CancelBehavior"/>.</param>
    /// <returns>The stored object's ETag, CRC-64 and upload id.</returns>
    /// <exception cref="ArgumentException">The request is invalid (bucket, key, part size, concurrency).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OssClientException">The upload cannot resume, the file changed, or a checksum did not match.</exception>
    /// <exception cref="OssServiceException">The server refused a request.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public virtual Task<ResumableUploadResult> ResumableUploadAsync(ResumableUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uploader = new ResumableUploader(Operations, _engineLogger, Pipeline.Settings.Options.TimeProvider) { CheckpointLogger = _checkpointLogger };
        return uploader.UploadAsync(request, cancellationToken);
    }
}
