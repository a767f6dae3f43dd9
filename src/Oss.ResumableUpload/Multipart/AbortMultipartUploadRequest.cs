namespace Oss.ResumableUpload;

/// <summary>The parameters of AbortMultipartUpload (<c>DELETE /key?uploadId=ID</c>), which deletes the uploaded parts.</summary>
public sealed class AbortMultipartUploadRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }
}
