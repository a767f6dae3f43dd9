namespace Oss.ResumableUpload;

/// <summary>
/// Builds the <see cref="OssClientErrorCode.InvalidResponse"/> error for a reply that broke the protocol. Such a
/// reply is never retried: a server (or something posing as one) that sends it once will send it again.
/// </summary>
internal static class ProtocolViolation
{
    public const string Prefix = "The server's reply broke the protocol: ";

    /// <param name="detail">What was wrong, without a final period. Server-supplied text in it must be sanitized.</param>
    /// <param name="requestId">The reply's request id, already sanitized, when known.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public static OssClientException Create(string detail, string? requestId = null, Exception? innerException = null)
    {
        string message = Prefix + detail + (string.IsNullOrEmpty(requestId) ? "." : " (RequestId " + requestId + ").");
        return new OssClientException(OssClientErrorCode.InvalidResponse, message, innerException);
    }
}
