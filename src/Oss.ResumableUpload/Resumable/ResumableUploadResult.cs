namespace Oss.ResumableUpload;

/// <summary>The outcome of a successful <see cref="OssClient.ResumableUploadAsync"/>.</summary>
public sealed class ResumableUploadResult
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the object's ETag as the server sent it, quotes included.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the multipart upload id; null when the file went up in one request.</summary>
    public string? UploadId { get; init; }

    /// <summary>
    /// Gets the whole object's CRC-64 as the server returned it (from the write's reply or, when that had none, from
    /// HeadObject). When <see cref="IsCrc64Verified"/> is true, the library has checked it against the local bytes.
    /// </summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>
    /// Gets a value indicating whether the stored object's CRC-64 was compared with the local bytes' CRC-64 and matched.
    /// It is false only when the server reported no CRC-64 for the object at all (some OSS-compatible servers do
    /// not): each part was still checked by its MD5, but the assembled object could not be checked.
    /// </summary>
    public bool IsCrc64Verified { get; init; }

    /// <summary>Gets the callback server's reply body, when a callback was requested.</summary>
    public string? CallbackResponseBody { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the final request.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets a value indicating whether this call continued an upload begun earlier.</summary>
    public bool Resumed { get; init; }

    /// <summary>Gets how many bytes were already on the server when this call started.</summary>
    public long ResumedBytes { get; init; }

    /// <summary>Gets the object's size in bytes.</summary>
    public long ContentLength { get; init; }

    /// <summary>Gets the most parts this call had in flight at once.</summary>
    /// <value>
    /// 1 for a single PutObject, 0 when every part was already on the server. With
    /// <see cref="ResumableUploadRequest.AdaptiveConcurrency"/> it may exceed <see cref="ResumableUploadRequest.MaxConcurrency"/>:
    /// it shows how far the upload raised it.
    /// </value>
    public int PeakConcurrency { get; init; }
}
