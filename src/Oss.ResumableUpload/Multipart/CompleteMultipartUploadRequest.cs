namespace Oss.ResumableUpload;

/// <summary>The parameters of CompleteMultipartUpload (<c>POST /key?uploadId=ID</c>).</summary>
public sealed class CompleteMultipartUploadRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the parts that make up the object. The library sorts them by part number. Must be empty when <see cref="CompleteAll"/> is set.</summary>
    public required IReadOnlyList<PartETag> Parts { get; init; }

    /// <summary>Gets the upload callback OSS calls once the object is stored. Default null: none.</summary>
    public OssUploadCallback? Callback { get; init; }

    /// <summary>Gets a value indicating whether the server assembles every uploaded part itself (<c>x-oss-complete-all: yes</c>). Default false.</summary>
    public bool CompleteAll { get; init; }

    /// <summary>Gets a value indicating whether an existing object with the same key must not be overwritten (<c>x-oss-forbid-overwrite</c>). Default false.</summary>
    public bool ForbidOverwrite { get; init; }
}

/// <summary>The reply of CompleteMultipartUpload.</summary>
public sealed class CompleteMultipartUploadResult
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the object's ETag as the server sent it, quotes included. It is not the MD5 of the object.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the whole object's CRC-64 (<c>x-oss-hash-crc64ecma</c>), when the server returned one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets the callback server's reply body, when a callback was requested.</summary>
    public string? CallbackResponseBody { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}
