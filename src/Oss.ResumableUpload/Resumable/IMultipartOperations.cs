namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The multipart operations the resumable engine drives (its port). <see cref="Operations.OssMultipartOperations"/> implements them over HTTP;
/// the engine's tests implement them in memory. Errors are the public exception types
/// (<see cref="OssServiceException"/> for server replies), after the client's own retries.
/// </summary>
internal interface IMultipartOperations
{
    /// <summary>Starts an upload whose object will be stored with <paramref name="settings"/>.</summary>
    Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(string bucketName, string objectKey, Protocol.ObjectSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads one part whose MD5 the caller has computed; sends it as Content-MD5, and throws
    /// <see cref="OssClientException"/> (<see cref="OssClientErrorCode.ChecksumMismatch"/>) when the reply's ETag is
    /// not that MD5. This is the one place a part's ETag is checked; the engine checks only the CRC-64.
    /// </summary>
    Task<UploadPartResult> UploadPartAsync(PartUpload part, CancellationToken cancellationToken);

    /// <summary>Lists every part of the upload, following all pages.</summary>
    IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, CancellationToken cancellationToken);

    Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken);

    Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken);

    /// <summary>Uploads a whole small object in one request, with Content-MD5.</summary>
    Task<PutObjectResult> PutObjectAsync(ObjectUpload upload, CancellationToken cancellationToken);

    /// <summary>Reads an object's metadata; null when it does not exist.</summary>
    Task<HeadObjectResult?> HeadObjectAsync(string bucketName, string objectKey, CancellationToken cancellationToken);

    /// <summary>Lists one page of the bucket's unfinished multipart uploads.</summary>
    Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken);
}

/// <summary>One part to upload: its bytes (in a buffer or a file range), their MD5, and a progress callback.</summary>
internal sealed class PartUpload
{
    public required string BucketName { get; init; }

    public required string ObjectKey { get; init; }

    public required string UploadId { get; init; }

    public required int PartNumber { get; init; }

    public required PartContent Content { get; init; }

    public required Hashing.Md5Digest ContentMd5 { get; init; }

    /// <summary>The bandwidth limit in bit/s (<c>x-oss-traffic-limit</c>), or null.</summary>
    public long? TrafficLimit { get; init; }

    /// <summary>Called with the running count of this part's bytes sent in the current attempt (it restarts at 0 on a retry).</summary>
    public Action<long>? BytesSentInAttempt { get; init; }
}

/// <summary>A whole object to upload in one request.</summary>
internal sealed class ObjectUpload
{
    public required string BucketName { get; init; }

    public required string ObjectKey { get; init; }

    public required PartContent Content { get; init; }

    public required Hashing.Md5Digest ContentMd5 { get; init; }

    /// <summary>What to store on the object: content type, metadata, storage class and the rest.</summary>
    public required Protocol.ObjectSettings Settings { get; init; }

    public OssUploadCallback? Callback { get; init; }

    /// <summary>The bandwidth limit in bit/s (<c>x-oss-traffic-limit</c>), or null.</summary>
    public long? TrafficLimit { get; init; }

    public Action<long>? BytesSentInAttempt { get; init; }
}
