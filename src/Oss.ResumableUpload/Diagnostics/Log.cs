using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// Source-generated log messages with stable event ids. Ids are grouped by phase: 1xxx transport, 2xxx resumable
/// engine, 3xxx checkpoints. Messages never contain credentials, tokens, signatures or the Authorization header.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.RequestStart, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} attempt {Attempt} sending")]
    public static partial void RequestStart(ILogger logger, string operation, string method, string resource, int attempt);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.RequestEnd, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} answered {StatusCode} in {ElapsedMs} ms, RequestId {RequestId}")]
    public static partial void RequestEnd(ILogger logger, string operation, string method, string resource, int statusCode, long elapsedMs, string? requestId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.RequestRetry, Level = LogLevel.Warning, Message = "{Operation} {Method} {Resource} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms, RequestId {RequestId}")]
    public static partial void RequestRetry(ILogger logger, string operation, string method, string resource, int attempt, string reason, long delayMs, string? requestId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.RequestFailed, Level = LogLevel.Debug, Message = "{Operation} {Method} {Resource} failed after {Attempts} attempt(s): {Reason}")]
    public static partial void RequestFailed(ILogger logger, string operation, string method, string resource, int attempts, string reason);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.ClockSkewCorrected, Level = LogLevel.Warning, Message = "The server reported a clock skew; correcting the request time by {OffsetSeconds} s")]
    public static partial void ClockSkewCorrected(ILogger logger, double offsetSeconds);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CredentialsRefreshed, Level = LogLevel.Information, Message = "The server reported an expired security token; refreshing credentials")]
    public static partial void CredentialsRefreshed(ILogger logger);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.PlainHttpEndpoint, Level = LogLevel.Warning, Message = "The endpoint {Endpoint} is plain http:// and not on this machine: requests, object data and the x-oss-security-token travel unencrypted and can be read or altered on the way; use https://")]
    public static partial void PlainHttpEndpoint(ILogger logger, string endpoint);

    // 13xx: FileCheckpointStore (the checkpoint files themselves; the engine's checkpoint events are 3xxx).
    [LoggerMessage(EventId = OssDiagnostics.EventIds.DamagedCheckpointFileRemoved, Level = LogLevel.Warning, Message = "Removed the damaged checkpoint file {Path}: {Reason}")]
    public static partial void DamagedCheckpointFileRemoved(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.StaleTemporaryFileRemoved, Level = LogLevel.Debug, Message = "Removed the temporary file {Path} that an interrupted checkpoint save left behind")]
    public static partial void StaleTemporaryFileRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointDirectoryNotSynced, Level = LogLevel.Debug, Message = "Could not sync the checkpoint directory {Directory} after a save (it cannot be opened, or its file system does not sync directories); the rename may not survive a power loss")]
    public static partial void CheckpointDirectoryNotSynced(ILogger logger, string directory);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UntrustedCheckpointFileIgnored, Level = LogLevel.Warning, Message = "Ignoring the checkpoint file {Path}: it is {Problem}. Only files the current user owns and nobody else can write are trusted")]
    public static partial void UntrustedCheckpointFileIgnored(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointDirectoryOpenToOthers, Level = LogLevel.Warning, Message = "The checkpoint directory {Directory} is {Problem}: anyone who can write it can remove or replace checkpoints. Use a directory only you can write")]
    public static partial void CheckpointDirectoryOpenToOthers(ILogger logger, string directory, string problem);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.ForeignCheckpointFileKept, Level = LogLevel.Warning, Message = "Not deleting the checkpoint file {Path}: it is owned by user {OwnerId}, not by the current user")]
    public static partial void ForeignCheckpointFileKept(ILogger logger, string path, uint ownerId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.ReplyRefused, Level = LogLevel.Warning, Message = "{Operation} {Method} {Resource}: the reply was refused and not retried: {Reason}")]
    public static partial void ReplyRefused(ILogger logger, string operation, string method, string resource, string reason);
}
