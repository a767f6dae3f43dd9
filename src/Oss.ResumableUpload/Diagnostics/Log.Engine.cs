using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>The resumable engine's events (2xxx) and the checkpoint events (3xxx). Ids are stable; never reuse one.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadStarting, Level = LogLevel.Information, Message = "Uploading '{FilePath}' ({FileLength} bytes) to {BucketName}/{ObjectKey}")]
    public static partial void UploadStarting(ILogger logger, string filePath, long fileLength, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SinglePutStarting, Level = LogLevel.Information, Message = "{BucketName}/{ObjectKey}: the file fits in one part; uploading it with PutObject")]
    public static partial void SinglePutStarting(ILogger logger, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadInitiated, Level = LogLevel.Information, Message = "Initiated upload {UploadId} of {BucketName}/{ObjectKey}: {PartCount} parts of {PartSize} bytes")]
    public static partial void UploadInitiated(ILogger logger, string uploadId, string bucketName, string objectKey, int partCount, long partSize);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadResuming, Level = LogLevel.Information, Message = "Resuming upload {UploadId}: {KeptParts} parts kept from the checkpoint, {AdoptedParts} adopted from the server, {RejectedParts} rejected, {RemainingParts} of {PartCount} to upload")]
    public static partial void UploadResuming(ILogger logger, string uploadId, int keptParts, int adoptedParts, int rejectedParts, int remainingParts, int partCount);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.PartRejected, Level = LogLevel.Warning, Message = "Part {PartNumber} of upload {UploadId} on the server ({ETag}) does not match the local bytes; uploading it again")]
    public static partial void PartRejected(ILogger logger, int partNumber, string uploadId, string etag);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadCompleting, Level = LogLevel.Information, Message = "Completing upload {UploadId} with {PartCount} parts")]
    public static partial void UploadCompleting(ILogger logger, string uploadId, int partCount);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadCompleted, Level = LogLevel.Information, Message = "Completed upload {UploadId} of {BucketName}/{ObjectKey}: {FileLength} bytes in {PartCount} parts, {ResumedBytes} bytes resumed, ETag {ETag}, RequestId {RequestId}")]
    public static partial void UploadCompleted(ILogger logger, string uploadId, string bucketName, string objectKey, long fileLength, int partCount, long resumedBytes, string etag, string? requestId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CompleteReplyLost, Level = LogLevel.Warning, Message = "Upload {UploadId} answered NoSuchUpload, but {BucketName}/{ObjectKey} has the expected size and CRC-64: the completion's reply was lost; treating the upload as completed")]
    public static partial void CompleteReplyLost(ILogger logger, string uploadId, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadVanished, Level = LogLevel.Warning, Message = "Upload {UploadId} no longer exists on the server (NoSuchUpload) after {CompletedParts} of {PartCount} parts; its checkpoint was deleted")]
    public static partial void UploadVanished(ILogger logger, string uploadId, int completedParts, int partCount);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadRestarting, Level = LogLevel.Information, Message = "Starting {BucketName}/{ObjectKey} afresh because upload {UploadId} vanished (RestartWhenCannotResume)")]
    public static partial void UploadRestarting(ILogger logger, string bucketName, string objectKey, string uploadId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadCancelled, Level = LogLevel.Information, Message = "Upload {UploadId} cancelled after {CompletedParts} of {PartCount} parts; {Outcome}")]
    public static partial void UploadCancelled(ILogger logger, string uploadId, int completedParts, int partCount, string outcome);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadFailed, Level = LogLevel.Warning, Message = "Upload {UploadId} failed after {CompletedParts} of {PartCount} parts ({ErrorType}); {Outcome}")]
    public static partial void UploadFailed(ILogger logger, string uploadId, int completedParts, int partCount, string errorType, string outcome, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.UploadAborted, Level = LogLevel.Information, Message = "Aborted upload {UploadId}")]
    public static partial void UploadAborted(ILogger logger, string uploadId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.AbortFailed, Level = LogLevel.Warning, Message = "Could not abort upload {UploadId}; its parts stay on the server until a lifecycle rule removes them")]
    public static partial void AbortFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SupersededUploadAborted, Level = LogLevel.Information, Message = "Aborted upload {UploadId} of a previous version of the file for {BucketName}/{ObjectKey}")]
    public static partial void SupersededUploadAborted(ILogger logger, string uploadId, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SupersededAbortFailed, Level = LogLevel.Warning, Message = "Could not abort upload {UploadId} of a previous version of the file; its checkpoint is kept so that a later upload tries again")]
    public static partial void SupersededAbortFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.FileChangedDuringUpload, Level = LogLevel.Warning, Message = "The file changed during upload {UploadId}; aborting it")]
    public static partial void FileChangedDuringUpload(ILogger logger, string uploadId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SingleObjectUploaded, Level = LogLevel.Information, Message = "Uploaded {BucketName}/{ObjectKey} in one request: {FileLength} bytes, ETag {ETag}, RequestId {RequestId}")]
    public static partial void SingleObjectUploaded(ILogger logger, string bucketName, string objectKey, long fileLength, string etag, string? requestId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointIgnored, Level = LogLevel.Warning, Message = "Ignoring the checkpoint of {BucketName}/{ObjectKey}: {Reason}")]
    public static partial void CheckpointIgnored(ILogger logger, string bucketName, string objectKey, string reason);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointLoaded, Level = LogLevel.Debug, Message = "Loaded the checkpoint of upload {UploadId}: {CompletedParts} of {PartCount} parts")]
    public static partial void CheckpointLoaded(ILogger logger, string uploadId, int completedParts, int partCount);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointSaved, Level = LogLevel.Debug, Message = "Saved the checkpoint of upload {UploadId}: {CompletedParts} of {PartCount} parts, {Length} characters")]
    public static partial void CheckpointSaved(ILogger logger, string uploadId, int completedParts, int partCount, int length);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointSaveFailed, Level = LogLevel.Warning, Message = "Could not save the checkpoint of upload {UploadId}; the upload goes on, but a resume may repeat its latest parts")]
    public static partial void CheckpointSaveFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointDeleted, Level = LogLevel.Debug, Message = "Deleted the checkpoint of upload {UploadId}")]
    public static partial void CheckpointDeleted(ILogger logger, string uploadId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointDeleteFailed, Level = LogLevel.Warning, Message = "Could not delete the checkpoint of upload {UploadId}")]
    public static partial void CheckpointDeleteFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CheckpointLoadFailed, Level = LogLevel.Warning, Message = "Could not read the checkpoint of {BucketName}/{ObjectKey}; starting afresh")]
    public static partial void CheckpointLoadFailed(ILogger logger, string bucketName, string objectKey, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CompletedObjectDiffers, Level = LogLevel.Warning, Message = "Upload {UploadId} answered NoSuchUpload and {BucketName}/{ObjectKey} exists with the file's size, but not with the file's CRC-64: it is not this upload's object")]
    public static partial void CompletedObjectDiffers(ILogger logger, string uploadId, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.ObjectNotVerified, Level = LogLevel.Warning, Message = "The server reported no CRC-64 for {BucketName}/{ObjectKey}, not even to HeadObject: the stored object could not be checked against the file")]
    public static partial void ObjectNotVerified(ILogger logger, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.KeepFailedAborting, Level = LogLevel.Warning, Message = "Upload {UploadId} could not be kept for a resume because its checkpoint could not be saved; aborting it instead")]
    public static partial void KeepFailedAborting(ILogger logger, string uploadId);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.IgnoredCheckpointDeleteFailed, Level = LogLevel.Warning, Message = "Could not remove the ignored checkpoint of {BucketName}/{ObjectKey}")]
    public static partial void IgnoredCheckpointDeleteFailed(ILogger logger, string bucketName, string objectKey, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.VerificationHeadFailed, Level = LogLevel.Warning, Message = "HeadObject of {BucketName}/{ObjectKey}, asked for the CRC-64 the write's reply lacked, failed")]
    public static partial void VerificationHeadFailed(ILogger logger, string bucketName, string objectKey, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.SupersededCleanFailed, Level = LogLevel.Warning, Message = "Could not clean up a checkpoint of a previous version of the file for {BucketName}/{ObjectKey}; the upload goes on")]
    public static partial void SupersededCleanFailed(ILogger logger, string bucketName, string objectKey, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.InterruptedInitiateAborted, Level = LogLevel.Information, Message = "Aborted upload {UploadId} of {BucketName}/{ObjectKey}, left by a process that died while initiating it")]
    public static partial void InterruptedInitiateAborted(ILogger logger, string uploadId, string bucketName, string objectKey);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.InterruptedInitiateCleanFailed, Level = LogLevel.Warning, Message = "Could not clean up after an interrupted initiation of {BucketName}/{ObjectKey}; a multipart upload without parts may stay on the server")]
    public static partial void InterruptedInitiateCleanFailed(ILogger logger, string bucketName, string objectKey, Exception exception);

    [LoggerMessage(EventId = OssDiagnostics.EventIds.CancelledInitiateAborted, Level = LogLevel.Information, Message = "Aborted upload {UploadId} of {BucketName}/{ObjectKey}: the call was cancelled while it was being initiated")]
    public static partial void CancelledInitiateAborted(ILogger logger, string uploadId, string bucketName, string objectKey);
}
