namespace Oss.ResumableUpload;

/// <summary>The parameters of UploadPart (<c>PUT /key?partNumber=N&amp;uploadId=ID</c>).</summary>
/// <remarks>
/// The library computes Content-MD5 itself and the server verifies it. A seekable stream is read from its position
/// and rewound for each retry; a non-seekable stream is buffered once so that it can be retried.
/// </remarks>
public sealed class UploadPartRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the upload id returned by InitiateMultipartUpload.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the part number, 1..10000. Uploading a number again replaces that part.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the part's bytes: read from the stream's position to its end, or for <see cref="ContentLength"/> bytes.</summary>
    public required Stream Content { get; init; }

    /// <summary>Gets how many bytes to read from <see cref="Content"/>. Default null: to the end of the stream. Use it with a positioned <see cref="FileStream"/> to send a range of a file.</summary>
    public long? ContentLength { get; init; }

    /// <summary>Gets the upload bandwidth limit of this part in bit/s (<c>x-oss-traffic-limit</c>), 819,200 to 838,860,800. Default null: unlimited.</summary>
    public long? TrafficLimit { get; init; }
}

/// <summary>The reply of UploadPart.</summary>
public sealed class UploadPartResult
{
    /// <summary>Gets the part number.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the part's ETag as the server sent it, quotes included. Pass it to CompleteMultipartUpload.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the part's CRC-64 (<c>x-oss-hash-crc64ecma</c>), when the server returned one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}
