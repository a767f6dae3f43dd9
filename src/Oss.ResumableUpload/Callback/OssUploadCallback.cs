namespace Oss.ResumableUpload;

/// <summary>
/// An upload callback: after the object is stored, OSS POSTs <see cref="CallbackBody"/> to <see cref="CallbackUrl"/>
/// and returns that server's reply to the uploader.
/// </summary>
/// <remarks>
/// If the callback fails after the object was stored, the operation throws <see cref="OssServiceException"/> with
/// <see cref="OssServiceException.ErrorCode"/> <c>CallbackFailed</c> and status 203; the object exists.
/// </remarks>
public sealed class OssUploadCallback
{
    /// <summary>Gets the URL OSS calls; up to five URLs separated by <c>;</c>, tried in order.</summary>
    public required string CallbackUrl { get; init; }

    /// <summary>Gets the body template, for example <c>bucket=${bucket}&amp;object=${object}&amp;etag=${etag}&amp;size=${size}&amp;my_var=${x:my_var}</c>.</summary>
    public required string CallbackBody { get; init; }

    /// <summary>Gets the Host header of the callback request. Default null: the URL's host.</summary>
    public string? CallbackHost { get; init; }

    /// <summary>Gets the body's content type. Default <see cref="OssCallbackBodyType.FormUrlEncoded"/>.</summary>
    public OssCallbackBodyType CallbackBodyType { get; init; } = OssCallbackBodyType.FormUrlEncoded;

    /// <summary>Gets custom variables (<c>x-oss-callback-var</c>). Keys must start with <c>x:</c> and be lower case.</summary>
    public IReadOnlyDictionary<string, string>? CustomVariables { get; init; }
}

/// <summary>The content type of an upload callback's body.</summary>
public enum OssCallbackBodyType
{
    /// <summary><c>application/x-www-form-urlencoded</c>, the default.</summary>
    FormUrlEncoded,

    /// <summary><c>application/json</c>.</summary>
    Json,
}
