using System.Globalization;

namespace Oss.ResumableUpload;

/// <summary>
/// The OSS service answered a request with an error: any non-2xx reply, or HTTP 203 <c>CallbackFailed</c>
/// when an upload callback was requested.
/// </summary>
/// <remarks>
/// The message names the method, the resource, the status, the error code and the request id, for example
/// <c>PUT /bucket/key?partNumber=3 failed: 403 (Forbidden) SignatureDoesNotMatch, RequestId 5C3D…</c>.
/// It never contains credentials, security tokens or signatures. Quote <see cref="RequestId"/> when you ask
/// Alibaba Cloud support about a failure.
/// </remarks>
public sealed class OssServiceException : OssException
{
    /// <summary>Initializes a new instance of the <see cref="OssServiceException"/> class.</summary>
    /// <param name="statusCode">The HTTP status code of the reply.</param>
    /// <param name="errorCode">The OSS error code (<c>&lt;Code&gt;</c>), for example <c>NoSuchUpload</c>.</param>
    /// <param name="message">A message that describes the failure.</param>
    /// <param name="requestId">The <c>x-oss-request-id</c> of the reply.</param>
    /// <param name="hostId">The <c>&lt;HostId&gt;</c> of the error document.</param>
    /// <param name="ec">The OSS diagnostic error code (<c>&lt;EC&gt;</c> or <c>x-oss-ec</c>).</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public OssServiceException(int statusCode, string errorCode, string message, string? requestId = null, string? hostId = null, string? ec = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode ?? string.Empty;
        RequestId = requestId;
        HostId = hostId;
        Ec = ec;
    }

    /// <summary>Gets the HTTP status code of the reply, for example 404.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the OSS error code, for example <c>NoSuchUpload</c>, <c>InvalidDigest</c> or <c>CallbackFailed</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the request id the server assigned to the failed request, when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the host that answered, as the error document names it.</summary>
    public string? HostId { get; }

    /// <summary>Gets the OSS diagnostic code (EC). It is meant for troubleshooting only; do not branch on it.</summary>
    public string? Ec { get; }

    /// <inheritdoc />
    public override bool IsTransient => TransientClassifier.IsTransient(StatusCode, ErrorCode);

    internal static string FormatMessage(string method, string resource, int statusCode, string errorCode, string? serverMessage, string? requestId)
    {
        string reason = Enum.IsDefined(typeof(System.Net.HttpStatusCode), statusCode)
            ? ((System.Net.HttpStatusCode)statusCode).ToString()
            : "Unknown";
        string text = string.Create(CultureInfo.InvariantCulture, $"{method} {resource} failed: {statusCode} ({reason}) {errorCode}");
        if (!string.IsNullOrEmpty(serverMessage))
        {
            text += ": " + serverMessage.TrimEnd('.') + ".";
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text += " RequestId " + requestId + ".";
        }

        return text;
    }
}
