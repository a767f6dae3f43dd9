using System.Diagnostics.CodeAnalysis;

namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>
/// Maps a failed upload to a status code and a problem (RFC 9457). The caller gets OSS's error code and request id,
/// never its raw message or any header: those belong to the operator's logs.
/// </summary>
internal static class UploadProblems
{
    public static bool TryMap(Exception exception, [NotNullWhen(true)] out IResult? problem)
    {
        problem = exception switch
        {
            // The caller's body: too large (413) or malformed chunking (400), from Kestrel while the library read it.
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request body", bad.Message),

            // ForbidOverwrite, or a conflicting operation on the object.
            OssServiceException { StatusCode: StatusCodes.Status409Conflict } oss => Service(StatusCodes.Status409Conflict, "Conflict", oss),

            // OSS is busy or throttling, after the client's own retries: the caller may try again later.
            OssServiceException { IsTransient: true } oss => Service(StatusCodes.Status503ServiceUnavailable, "Storage temporarily unavailable", oss),

            // Everything else OSS refused (no such bucket, access denied, a bad signature) is this service's
            // configuration, not the caller's mistake.
            OssServiceException oss => Service(StatusCodes.Status502BadGateway, "Storage refused the upload", oss),

            OssClientException { ErrorCode: OssClientErrorCode.RequestTimeout } client => Client(StatusCodes.Status504GatewayTimeout, "Storage did not answer in time", client),
            OssClientException { ErrorCode: OssClientErrorCode.CredentialsUnavailable } client => Client(StatusCodes.Status503ServiceUnavailable, "Storage credentials unavailable", client),
            OssClientException client => Client(StatusCodes.Status502BadGateway, "Upload to storage failed", client),

            // The library's argument checks (for example a Content-Type it cannot send as a header).
            ArgumentException argument => Problem(StatusCodes.Status400BadRequest, "Invalid upload request", argument.Message),
            _ => null,
        };
        return problem is not null;
    }

    private static IResult Service(int status, string title, OssServiceException exception) =>
        Results.Problem(
            statusCode: status,
            title: title,
            detail: $"OSS answered {exception.StatusCode} {exception.ErrorCode}.",
            extensions: new Dictionary<string, object?> { ["ossErrorCode"] = exception.ErrorCode, ["ossRequestId"] = exception.RequestId });

    private static IResult Client(int status, string title, OssClientException exception) =>
        Results.Problem(
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["clientErrorCode"] = exception.ErrorCode.ToString() });

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
