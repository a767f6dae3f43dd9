using System.Net.Sockets;

namespace Oss.ResumableUpload;

/// <summary>
/// Decides whether a failure may succeed if the request is sent again. The retry policy and
/// <see cref="OssException.IsTransient"/> share it. It lives with the error model rather than in Transport: the
/// exceptions ask it and the pipeline uses both, so the dependency runs one way only, Transport → Errors.
/// </summary>
/// <remarks>
/// | Failure | Retried |
/// |---|---|
/// | 5xx, 408 RequestTimeout, 429 | yes, with backoff |
/// | connection reset/refused, IOException | yes, with backoff |
/// | a timeout that is not the caller's cancel (RequestTimeout, HttpClient.Timeout, Polly's TimeoutRejectedException) | yes, with backoff |
/// | 403 RequestTimeTooSkewed | once, after correcting the clock offset |
/// | 403 SecurityTokenExpired | once, after refreshing credentials |
/// | any other 4xx (and 203 CallbackFailed) | no |
/// </remarks>
internal static class TransientClassifier
{
    public const string RequestTimeTooSkewed = "RequestTimeTooSkewed";
    public const string SecurityTokenExpired = "SecurityTokenExpired";

    public static bool IsTransient(int statusCode, string? errorCode)
        => statusCode >= 500 || statusCode == 408 || statusCode == 429 || errorCode is "RequestTimeout";

    public static bool IsTransient(Exception exception) => exception switch
    {
        OssException oss => oss.IsTransient,
        HttpRequestException http => http.StatusCode is null || IsTransient((int)http.StatusCode, null),
        IOException => true,
        SocketException => true,
        TimeoutException => true,
        Polly.Timeout.TimeoutRejectedException => true,
        _ => false,
    };
}
