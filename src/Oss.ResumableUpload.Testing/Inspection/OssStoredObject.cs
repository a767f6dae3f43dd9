namespace Oss.ResumableUpload.Testing;

/// <summary>What the server stored for an object, for assertions. Read the bytes with <see cref="OssTestServer.ReadObjectAsync"/>.</summary>
public sealed class OssStoredObject
{
    /// <summary>Gets the bucket.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the ETag as the server sends it, quotes included: the MD5 for PutObject, <c>"HEX-N"</c> for a multipart object.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the CRC-64 of the whole object, as <c>x-oss-hash-crc64ecma</c> reports it.</summary>
    public required ulong HashCrc64Ecma { get; init; }

    /// <summary>Gets the base64 MD5 of the whole object for a single-request object; null for a multipart object.</summary>
    public string? ContentMd5 { get; init; }

    /// <summary>Gets the Content-Type the object was stored with.</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets the <c>x-oss-meta-*</c> headers the object was stored with (names in lower case, prefix included).</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Gets a value indicating whether the object came from CompleteMultipartUpload.</summary>
    public bool IsMultipart { get; init; }

    /// <summary>Gets the number of parts of a multipart object; 1 otherwise.</summary>
    public int PartCount { get; init; }

    /// <summary>Gets when the object was stored, by the server clock.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the storage class (<c>x-oss-storage-class</c>); "Standard" unless the upload named another.</summary>
    public string StorageClass { get; init; } = "Standard";

    /// <summary>Gets the server-side encryption the upload asked for, or null.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id the upload gave, or null.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets the object's tags, decoded from <c>x-oss-tagging</c>; empty when none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the object ACL the upload set (<c>x-oss-object-acl</c>), or null.</summary>
    public string? ObjectAcl { get; init; }

    /// <summary>Gets the stored <c>Cache-Control</c>, or null.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the stored <c>Content-Disposition</c>, or null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the stored <c>Content-Encoding</c>, or null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the stored <c>Expires</c> header, as sent, or null.</summary>
    public string? Expires { get; init; }
}
