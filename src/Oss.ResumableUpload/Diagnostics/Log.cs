using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// Source-generated log messages with stable event ids. Ids are grouped by phase: 1xxx transport, 2xxx resumable
/// engine, 3xxx checkpoints. Messages never contain credentials, tokens, signatures or the Authorization header.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} attempt {Attempt} sending")]
    public static partial void RequestStart(ILogger logger, string operation, string method, string resource, int attempt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} answered {StatusCode} in {ElapsedMs} ms, RequestId {RequestId}")]
    public static partial void RequestEnd(ILogger logger, string operation, string method, string resource, int statusCode, long elapsedMs, string? requestId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Operation} {Method} {Resource} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms, RequestId {RequestId}")]
    public static partial void RequestRetry(ILogger logger, string operation, string method, string resource, int attempt, string reason, long delayMs, string? requestId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} failed after {Attempts} attempt(s): {Reason}")]
    public static partial void RequestFailed(ILogger logger, string operation, string method, string resource, int attempts, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The server reported a clock skew; correcting the request time by {OffsetSeconds} s")]
    public static partial void ClockSkewCorrected(ILogger logger, double offsetSeconds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "The server reported an expired security token; refreshing credentials")]
    public static partial void CredentialsRefreshed(ILogger logger);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "{Operation} {Method} {Resource}: the reply was refused and not retried: {Reason}")]
    public static partial void ReplyRefused(ILogger logger, string operation, string method, string resource, string reason);
}
