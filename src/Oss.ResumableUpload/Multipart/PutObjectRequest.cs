namespace Oss.ResumableUpload;

/// <summary>The parameters of PutObject (<c>PUT /key</c>): a whole object in one request, up to 5 GiB.</summary>
public sealed class PutObjectRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the object's bytes, read from the stream's position to its end (or for <see cref="ContentLength"/> bytes).</summary>
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
