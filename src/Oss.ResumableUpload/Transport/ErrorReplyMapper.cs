using System.Globalization;
using System.Net;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Turns a failed exchange into the exception the caller sees. An error reply (non-2xx, or 203 for a request with a
/// callback) becomes an <see cref="OssServiceException"/>: the error document comes from the body, or from the base64
/// <c>x-oss-err</c> header of a HEAD reply. A reply the library refuses becomes
/// <see cref="OssClientErrorCode.InvalidResponse"/>, and a network failure or a timeout that outlasted the retries
/// <see cref="OssClientErrorCode.NetworkFailure"/> or <see cref="OssClientErrorCode.RequestTimeout"/>. Every field the server wrote passes through
/// <see cref="ServerText"/> before it reaches the exception.
/// </summary>
internal static class ErrorReplyMapper
{
    public static OssServiceException Map(OssOperation operation, OssResponse reply)
    {
        OssErrorDocument? document = OssXml.TryParseError(reply.Body);
        if (document is null && reply.GetHeader("x-oss-err") is { Length: > 0 } encoded)
        {
            try
            {
                document = OssXml.TryParseError(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                document = null;
            }
        }

        int status = reply.StatusCode;
        string? documentCode = ServerText.Clean(document?.Code, ServerText.MaxCodeLength);
        string code = documentCode is { Length: > 0 }
            ? documentCode
            : status == 203 && operation.HasCallback ? "CallbackFailed" : ((HttpStatusCode)status).ToString();
        string? requestId = reply.RequestId ?? ServerText.Clean(document?.RequestId, ServerText.MaxIdLength);
        string? serverMessage = ServerText.Clean(document?.Message, ServerText.MaxMessageLength);
        if (code == "CallbackFailed")
        {
            serverMessage = "The object was stored, but the upload callback failed" + (string.IsNullOrEmpty(serverMessage) ? string.Empty : ": " + serverMessage);
        }

        string message = OssServiceException.FormatMessage(operation.Method.Method, operation.DescribeResource(), status, code, serverMessage, requestId);
        return new OssServiceException(
            status,
            code,
            message,
            requestId,
            ServerText.Clean(document?.HostId, ServerText.MaxIdLength),
            ServerText.Clean(document?.Ec ?? reply.GetHeader("x-oss-ec"), ServerText.MaxCodeLength));
    }

    /// <summary>A reply whose body exceeds <see cref="ResolvedClientOptions.MaxResponseBodySize"/>.</summary>
    public static OssClientException Oversized(OssOperation operation, HttpResponseMessage response, long limit)
    {
        long? declared = response.Content.Headers.ContentLength;
        string detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{operation.Method.Method} {operation.DescribeResource()} was answered {(int)response.StatusCode} with a body over the limit of {limit} bytes");
        if (declared is long length)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (Content-Length {length})");
        }

        return ProtocolViolation.Create(detail, OssResponse.RequestIdOf(response.Headers));
    }

    /// <summary>
    /// A RequestTimeTooSkewed refusal whose Date header is more than <see cref="ReplyValues.MaxClockCorrection"/> off:
    /// signing with a date years away would only fail again; a server that claims it is lying or broken.
    /// </summary>
    public static OssClientException ImplausibleClock(OssOperation operation, DateTimeOffset serverDate, TimeSpan offset, string? requestId, OssServiceException refusal)
        => ProtocolViolation.Create(
            string.Create(CultureInfo.InvariantCulture, $"{operation.Method.Method} {operation.DescribeResource()} was refused as RequestTimeTooSkewed, but the reply's Date header ({serverDate:r}) is {offset.TotalDays:0} days from the local clock; the library corrects at most {ReplyValues.MaxClockCorrection.TotalDays:0} days. Check the local clock"),
            requestId,
            refusal);

    /// <summary>The reason a transport failure gives; the handler's messages may quote the reply ("Received an invalid header line: '...'").</summary>
    public static string DescribeNetworkFailure(Exception exception) => ServerText.Clean(exception.Message, ServerText.MaxMessageLength);

    /// <summary>
    /// True for a failure that <see cref="TransportFailure"/> turns into an <see cref="OssClientException"/>: a
    /// transient non-OSS exception (reset, I/O, timeout), or a timeout that reached here unconverted (from
    /// <see cref="OssClientOptions.RetryPipeline"/>). The caller's own cancel is never one.
    /// </summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken callerToken)
        => exception is not OssException
           && !(exception is OperationCanceledException && callerToken.IsCancellationRequested)
           && (TransientClassifier.IsTransient(exception) || AttemptTimeout.IsTimeout(exception, callerToken));

    /// <summary>
    /// A transport failure that the retries did not overcome: <see cref="OssClientErrorCode.RequestTimeout"/> for a
    /// timeout (see <see cref="AttemptTimeout"/>), <see cref="OssClientErrorCode.NetworkFailure"/> for the rest.
    /// </summary>
    public static OssClientException TransportFailure(OssOperation operation, int attempts, string reason, Exception exception)
        => new(
            exception is TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException ? OssClientErrorCode.RequestTimeout : OssClientErrorCode.NetworkFailure,
            $"{operation.Method.Method} {operation.DescribeResource()} failed after {attempts} attempt(s): {reason}",
            exception);
}
