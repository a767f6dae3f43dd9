namespace Oss.ResumableUpload;

/// <summary>The parameters of HeadObject (<c>HEAD /key</c>).</summary>
public sealed class HeadObjectRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }
}

/// <summary>An object's metadata, as HeadObject returns it.</summary>
public sealed class HeadObjectResult
{
    /// <summary>Gets the object's size in bytes.</summary>
    public required long ContentLength { get; init; }

    /// <summary>Gets the object's ETag, quotes included.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the object's Content-Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the object's CRC-64, when the server returned one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets when the object was last modified.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Gets the user metadata (<c>x-oss-meta-*</c>, without the prefix).</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the storage class (<c>x-oss-storage-class</c>).</summary>
    public string? StorageClass { get; init; }

    /// <summary>Gets the server-side encryption (<c>x-oss-server-side-encryption</c>), or null when the object is not encrypted.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id (<c>x-oss-server-side-encryption-key-id</c>), or null.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets how many tags the object has (<c>x-oss-tagging-count</c>), or null when the reply does not say.</summary>
    public int? TaggingCount { get; init; }

    /// <summary>Gets the stored <c>Cache-Control</c>, or null.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the stored <c>Content-Disposition</c>, or null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the stored <c>Content-Encoding</c>, or null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the stored <c>Expires</c> time, or null (also when the stored value is not a date).</summary>
    public DateTimeOffset? Expires { get; init; }
}
