using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Testing;

/// <summary>The server's log messages. Event ids are stable: 1xx requests, 2xx callbacks, 3xx lifecycle.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Method} {Operation} bucket={Bucket} key={Key} part={PartNumber} -> {StatusCode} {ErrorCode} ({BodyBytes} body bytes, request {RequestId})")]
    public static partial void RequestCompleted(ILogger logger, string method, OssOperationKind operation, string? bucket, string? key, int? partNumber, int statusCode, string? errorCode, long bodyBytes, string requestId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "{Method} {Operation} ended without an answer ({BodyBytes} body bytes, request {RequestId}): {Reason}")]
    public static partial void RequestAborted(ILogger logger, string method, OssOperationKind operation, long bodyBytes, string requestId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Request {RequestId} failed inside the test server")]
    public static partial void RequestFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Upload callback to {Url} answered {StatusCode}")]
    public static partial void CallbackAnswered(ILogger logger, string url, int statusCode);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Upload callback to {Url} failed: {Reason}")]
    public static partial void CallbackFailed(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "OSS test server listening on {Endpoint} (region {Region}, storage {StorageMode})")]
    public static partial void Started(ILogger logger, Uri endpoint, string region, OssTestStorageMode storageMode);
}
