using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The engine's events about stream sources (2026–2027).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.StreamNotCheckpointed, Level = LogLevel.Information, Message = "The stream for {BucketName}/{ObjectKey} has no UploadStreamIdentity: no checkpoint is kept, and a failed upload starts over")]
    public static partial void StreamNotCheckpointed(ILogger logger, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SequentialStreamStarting, Level = LogLevel.Information, Message = "Uploading a non-seekable stream to {BucketName}/{ObjectKey} in parts from {PartSize} bytes; its length is known at its end")]
    public static partial void SequentialStreamStarting(ILogger logger, string bucketName, string objectKey, long partSize);
}
