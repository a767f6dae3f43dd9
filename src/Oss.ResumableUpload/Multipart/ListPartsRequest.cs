namespace Oss.ResumableUpload;

/// <summary>The parameters of ListParts (<c>GET /key?uploadId=ID</c>), one page.</summary>
public sealed class ListPartsRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the page size, 1..1000. Default null: the server's default of 1000.</summary>
    public int? MaxParts { get; init; }

    /// <summary>Gets the part number after which the page starts. Default null: from the first part.</summary>
    public int? PartNumberMarker { get; init; }
}

/// <summary>One page of ListParts.</summary>
public sealed class ListPartsResult
{
    /// <summary>Gets the parts on this page, ascending by part number.</summary>
    public required IReadOnlyList<OssPartInfo> Parts { get; init; }

    /// <summary>Gets a value indicating whether more pages follow.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Gets the marker for the next page, when <see cref="IsTruncated"/> is true.</summary>
    public int? NextPartNumberMarker { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}

/// <summary>A part stored on the server for a multipart upload.</summary>
public sealed class OssPartInfo
{
    /// <summary>Gets the part number.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the part's ETag, quotes included.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the part's size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the part's CRC-64, when the server recorded one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets when the part was uploaded.</summary>
    public DateTimeOffset LastModified { get; init; }
}
