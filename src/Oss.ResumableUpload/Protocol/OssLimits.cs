namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// The limits of the OSS protocol that the client checks, in one place: arguments are refused before any request
/// when they break one, and a reply that breaks one is <see cref="OssClientErrorCode.InvalidResponse"/>. The public
/// constants on <see cref="ResumableUploadRequest"/> forward here.
/// </summary>
internal static class OssLimits
{
    /// <summary>The smallest part of a multipart upload, 100 KiB; only the last part may be smaller.</summary>
    public const long MinPartSize = 100 * 1024;

    /// <summary>The largest part of a multipart upload, 5 GiB.</summary>
    public const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    /// <summary>The most parts one multipart upload may have; part numbers are 1..<see cref="MaxPartNumber"/>.</summary>
    public const int MaxPartCount = 10_000;

    /// <summary>The highest part number, the same as <see cref="MaxPartCount"/>.</summary>
    public const int MaxPartNumber = MaxPartCount;

    /// <summary>The longest object key, in bytes of UTF-8.</summary>
    public const int MaxObjectKeyBytes = 1023;

    /// <summary>The shortest bucket name, in characters.</summary>
    public const int MinBucketNameLength = 3;

    /// <summary>The longest bucket name, in characters.</summary>
    public const int MaxBucketNameLength = 63;

    /// <summary>The most entries one ListParts or ListMultipartUploads page may be asked for (max-parts, max-uploads).</summary>
    public const int MaxListPageSize = 1000;

    /// <summary>
    /// The longest ETag the client accepts. Real ETags are under 50 characters; each part's is kept in the checkpoint
    /// and sent back in Complete.
    /// </summary>
    public const int MaxETagLength = 128;

    /// <summary>The longest upload id the client accepts in a reply. Real upload ids are 32 characters; every later request of the upload carries it.</summary>
    public const int MaxUploadIdLength = 1024;
}
