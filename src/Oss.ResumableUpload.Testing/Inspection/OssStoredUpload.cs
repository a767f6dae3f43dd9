namespace Oss.ResumableUpload.Testing;

/// <summary>An unfinished multipart upload as the server holds it, for assertions.</summary>
public sealed class OssStoredUpload
{
    /// <summary>Gets the bucket.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets when the upload was initiated, by the server clock.</summary>
    public DateTimeOffset Initiated { get; init; }

    /// <summary>Gets the parts uploaded so far, ascending by part number.</summary>
    public required IReadOnlyList<OssStoredPart> Parts { get; init; }
}

/// <summary>One uploaded part, for assertions.</summary>
public sealed class OssStoredPart
{
    /// <summary>Gets the part number.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the ETag, quoted upper-case hex MD5.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the part's CRC-64.</summary>
    public required ulong HashCrc64Ecma { get; init; }

    /// <summary>Gets when the part was (last) uploaded, by the server clock.</summary>
    public DateTimeOffset LastModified { get; init; }
}
