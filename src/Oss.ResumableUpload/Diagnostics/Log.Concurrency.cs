using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The resumable engine's adaptive concurrency events (category Engine, 2xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.ConcurrencyRaised, Level = LogLevel.Debug, Message = "Upload {UploadId} moved {Throughput} bytes/s with {From} parts in flight; allowing {To}")]
    public static partial void ConcurrencyRaised(ILogger logger, string uploadId, long throughput, int from, int to);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.ConcurrencySettled, Level = LogLevel.Debug, Message = "Upload {UploadId} holds {Limit} parts in flight for the rest of the upload ({Throughput} bytes/s in the last window): {Reason}")]
    public static partial void ConcurrencySettled(ILogger logger, string uploadId, int limit, long throughput, string reason);
}
