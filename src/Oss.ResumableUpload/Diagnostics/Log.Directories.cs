using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The directory upload's events (4001–4005, category <see cref="OssDiagnostics.LogCategories.Directories"/>); each file's own upload logs under the engine's category.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.DirectoryUploadStarting, Level = LogLevel.Information, Message = "Uploading the directory '{LocalDirectory}' to {BucketName}/{KeyPrefix}: {FileCount} files, {TotalBytes} bytes")]
    public static partial void DirectoryUploadStarting(ILogger logger, string localDirectory, string bucketName, string keyPrefix, int fileCount, long totalBytes);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.DirectoryFileSkipped, Level = LogLevel.Debug, Message = "Skipped '{RelativePath}': {BucketName}/{ObjectKey} is already uploaded ({Reason})")]
    public static partial void DirectoryFileSkipped(ILogger logger, string relativePath, string bucketName, string objectKey, string reason);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.DirectoryFileFailed, Level = LogLevel.Warning, Message = "The file '{RelativePath}' of the directory upload failed ({ErrorType})")]
    public static partial void DirectoryFileFailed(ILogger logger, string relativePath, string errorType, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.DirectoryUploadCompleted, Level = LogLevel.Information, Message = "Uploaded the directory '{LocalDirectory}' in {ElapsedMs} ms: {Uploaded} files uploaded ({UploadedBytes} bytes), {Skipped} skipped, {Failed} failed")]
    public static partial void DirectoryUploadCompleted(ILogger logger, string localDirectory, long elapsedMs, int uploaded, long uploadedBytes, int skipped, int failed);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.DirectoryUploadStopped, Level = LogLevel.Information, Message = "The upload of the directory '{LocalDirectory}' stopped after {ElapsedMs} ms ({Reason}): {Uploaded} files uploaded ({UploadedBytes} bytes), {Skipped} skipped, {Failed} failed, {NotDone} not done")]
    public static partial void DirectoryUploadStopped(ILogger logger, string localDirectory, long elapsedMs, string reason, int uploaded, long uploadedBytes, int skipped, int failed, int notDone);
}
