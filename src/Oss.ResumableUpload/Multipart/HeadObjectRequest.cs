namespace Oss.ResumableUpload;

/// <summary>The parameters of HeadObject (<c>HEAD /key</c>).</summary>
public sealed class HeadObjectRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }
}

/// <summary>An object's metadata, as HeadObject returns it.</summary>
public sealed class HeadObjectResult
{
    /// <summary>Gets the object's size in bytes.</summary>
    public required long ContentLength { get; init; }

    /// <summary>Gets the object's ETag, quotes included.</summary>
    public required string ETag { get; init; }

    /// <summary>Gets the object's Content-Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the object's CRC-64, when the server returned one.</summary>
    public ulong? HashCrc64Ecma { get; init; }

    /// <summary>Gets when the object was last modified.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Gets the user metadata (<c>x-oss-meta-*</c>, without the prefix).</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Gets the <c>x-oss-request-id</c> of the reply.</summary>
    public string? RequestId { get; init; }
}
