namespace Oss.ResumableUpload;

/// <summary>The parameters of InitiateMultipartUpload (<c>POST /key?uploads</c>).</summary>
public sealed class InitiateMultipartUploadRequest : Protocol.IObjectSettingsSource
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key (1..1023 UTF-8 bytes, not starting with <c>/</c> or <c>\</c>).</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the Content-Type the completed object will have. Default null: the server's default.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets user metadata sent as <c>x-oss-meta-*</c> headers. Keys are case-insensitive on the server.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the storage class (<c>x-oss-storage-class</c>), for example <c>Standard</c>, <c>IA</c> or <c>Archive</c>. Default null: the bucket's.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Gets the server-side encryption algorithm (<c>x-oss-server-side-encryption</c>): <c>AES256</c>, <c>KMS</c> or <c>SM4</c>. Default null: none requested.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id (<c>x-oss-server-side-encryption-key-id</c>), used with <c>KMS</c>.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets a value indicating whether an existing object with the same key must not be overwritten (<c>x-oss-forbid-overwrite</c>). Default false.</summary>
    public bool ForbidOverwrite { get; init; }

    /// <summary>Gets object tags (<c>x-oss-tagging</c>). Default null: none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the object ACL (<c>x-oss-object-acl</c>): "private", "public-read", "public-read-write" or "default". Default null: not sent.</summary>
    public string? ObjectAcl { get; init; }

    /// <summary>Gets the <c>Cache-Control</c> stored with the object. Default null.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the <c>Content-Disposition</c> stored with the object. Default null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the <c>Content-Encoding</c> stored with the object (the bytes are stored as given). Default null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the <c>Expires</c> time stored with the object (sent as an RFC 1123 date). Default null.</summary>
    public DateTimeOffset? Expires { get; init; }
}

/// <summary>The reply of InitiateMultipartUpload.</summary>
public sealed class InitiateMultipartUploadResult
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the id of the new multipart upload.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}
