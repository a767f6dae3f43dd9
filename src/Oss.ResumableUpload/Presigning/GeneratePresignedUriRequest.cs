namespace Oss.ResumableUpload;

/// <summary>
/// The parameters of <see cref="OssClient.GeneratePresignedUri"/>: a URL that lets whoever holds it send one kind of
/// request (GetObject, PutObject or UploadPart) without credentials until it expires.
/// </summary>
public sealed class GeneratePresignedUriRequest
{
    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>
    /// Gets the HTTP method the URL is signed for. Default <see cref="HttpMethod.Get"/> (GetObject);
    /// <see cref="HttpMethod.Put"/> is PutObject, or UploadPart with <see cref="UploadId"/> and <see cref="PartNumber"/>.
    /// </summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>
    /// Gets how long the URL stays valid from its signing time. At least one second (fractions are dropped); with
    /// Signature V4 at most 7 days (604800 s). A URL signed with STS credentials also stops working when the token expires.
    /// </summary>
    public required TimeSpan Expires { get; init; }

    /// <summary>Gets the upload id of a presigned UploadPart URL. Default null; set together with <see cref="PartNumber"/>, only with PUT.</summary>
    public string? UploadId { get; init; }

    /// <summary>Gets the part number (1 to 10000) of a presigned UploadPart URL. Default null; set together with <see cref="UploadId"/>.</summary>
    public int? PartNumber { get; init; }

    /// <summary>
    /// Gets the Content-Type to sign. Default null: none is signed, and the request sent with the URL must then carry no
    /// Content-Type header. When set, that request must carry exactly this Content-Type.
    /// </summary>
    public string? ContentType { get; init; }
}
