namespace Oss.ResumableUpload;

/// <summary>The parameters of PutObject (<c>PUT /key</c>): a whole object in one request, up to 5 GiB.</summary>
public sealed class PutObjectRequest : Protocol.IObjectSettingsSource
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the object's bytes, read from the stream's position to its end (or for <see cref="ContentLength"/> bytes).</summary>
    /// <remarks>
    /// A seekable stream is hashed in place and read again on each attempt. A non-seekable stream is copied into memory
    /// first (its MD5 must be known before the request), at most 1 GiB; a longer one throws <see cref="ArgumentException"/>
    /// before any request. For large non-seekable streams use <see cref="OssClient.ResumableUploadAsync"/> with
    /// <see cref="ResumableUploadRequest.UploadStream"/>, which uploads them in parts in bounded memory.
    /// </remarks>
    public required Stream Content { get; init; }

    /// <summary>Gets how many bytes to read from <see cref="Content"/>. Default null: to the end.</summary>
    public long? ContentLength { get; init; }

    /// <summary>Gets the object's Content-Type. Default null: <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets user metadata sent as <c>x-oss-meta-*</c>.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the upload callback. Default null: none.</summary>
    public OssUploadCallback? Callback { get; init; }

    /// <summary>Gets a value indicating whether an existing object must not be overwritten. Default false.</summary>
    public bool ForbidOverwrite { get; init; }

    /// <summary>Gets the storage class (<c>x-oss-storage-class</c>): "Standard", "IA", "Archive", "ColdArchive" or "DeepColdArchive". Default null: the bucket's.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Gets the server-side encryption (<c>x-oss-server-side-encryption</c>): "AES256", "KMS" or "SM4". Default null: the bucket's.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id (<c>x-oss-server-side-encryption-key-id</c>); only with <c>ServerSideEncryption = "KMS"</c>. Default null.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets object tags (<c>x-oss-tagging</c>): at most 10, names up to 128 characters, values up to 256. Default null: none.</summary>
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

    /// <summary>Gets the upload bandwidth limit in bit/s (<c>x-oss-traffic-limit</c>), 819,200 to 838,860,800. Default null: unlimited.</summary>
    public long? TrafficLimit { get; init; }
}

/// <summary>The reply of PutObject.</summary>
public sealed class PutObjectResult
{
    /// <summary>Gets the object's ETag, quotes included.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the object's CRC-64, when the server returned one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets the callback server's reply body, when a callback was requested.</summary>
    public string? CallbackResponseBody { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}
