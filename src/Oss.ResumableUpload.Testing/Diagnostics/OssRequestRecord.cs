namespace Oss.ResumableUpload.Testing;

/// <summary>One request the server received, as the request log keeps it.</summary>
public sealed class OssRequestRecord
{
    /// <summary>Gets the request's position in the server's log, starting at 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> the server gave the request.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the operation the server recognized.</summary>
    public required OssOperationKind Operation { get; init; }

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the bucket, or null for a service request.</summary>
    public string? BucketName { get; init; }

    /// <summary>Gets the decoded object key, or null.</summary>
    public string? ObjectKey { get; init; }

    /// <summary>Gets the <c>uploadId</c> query value, or null.</summary>
    public string? UploadId { get; init; }

    /// <summary>Gets the part number of an UploadPart request, or null.</summary>
    public int? PartNumber { get; init; }

    /// <summary>Gets how many request body bytes the server read, including those of a request that failed or was reset.</summary>
    public long BodyBytesReceived { get; init; }

    /// <summary>Gets the status the server answered with; 0 when it answered nothing (connection reset or client gone).</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the OSS error code of an error answer, or null.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a value indicating whether the connection ended without a complete answer.</summary>
    public bool ConnectionAborted { get; init; }

    /// <summary>Gets the injected faults that affected the request, in the order they were picked.</summary>
    public IReadOnlyList<OssFaultKind> Faults { get; init; } = [];

    /// <summary>Gets when the request arrived, by the server's <see cref="OssTestServerOptions.TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Describes the request in one line.</summary>
    /// <returns>For example <c>#4 UploadPart part 2 1048576 B -> 200</c>.</returns>
    public override string ToString()
        => $"#{Sequence} {Operation}{(PartNumber is int p ? " part " + p : string.Empty)} {BodyBytesReceived} B -> {(ConnectionAborted ? "aborted" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(ErrorCode is null ? string.Empty : " " + ErrorCode)}";
}
