using System.Net;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Turns an error reply (non-2xx, or 203 for a request with a callback) into an <see cref="OssServiceException"/>.
/// The error document comes from the body, or from the base64 <c>x-oss-err</c> header of a HEAD reply. Every field
/// the server wrote passes through <see cref="ServerText"/> before it reaches the exception.
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
}
