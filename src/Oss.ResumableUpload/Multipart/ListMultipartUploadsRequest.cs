namespace Oss.ResumableUpload;

/// <summary>The parameters of ListMultipartUploads (<c>GET /?uploads</c>), one page.</summary>
public sealed class ListMultipartUploadsRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the key prefix to filter by. Default null: all keys.</summary>
    public string? Prefix { get; init; }

    /// <summary>Gets the key after which the page starts.</summary>
    public string? KeyMarker { get; init; }

    /// <summary>Gets the upload id after which the page starts, together with <see cref="KeyMarker"/>.</summary>
    public string? UploadIdMarker { get; init; }

    /// <summary>Gets the page size, 1..1000. Default null: the server's default of 1000.</summary>
    public int? MaxUploads { get; init; }
}

/// <summary>One page of ListMultipartUploads.</summary>
public sealed class ListMultipartUploadsResult
{
    /// <summary>Gets the uploads on this page, ordered by key and then upload id.</summary>
    public required IReadOnlyList<OssMultipartUploadInfo> Uploads { get; init; }

    /// <summary>Gets a value indicating whether more pages follow.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Gets the key marker for the next page.</summary>
    public string? NextKeyMarker { get; init; }

    /// <summary>Gets the upload id marker for the next page.</summary>
    public string? NextUploadIdMarker { get; init; }
}

/// <summary>An unfinished multipart upload.</summary>
public sealed class OssMultipartUploadInfo
{
    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets when the upload was initiated.</summary>
    public DateTimeOffset Initiated { get; init; }
}
