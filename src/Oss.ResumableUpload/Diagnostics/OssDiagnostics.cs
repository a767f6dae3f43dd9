namespace Oss.ResumableUpload;

/// <summary>
/// The names under which the library reports what it does: its <see cref="System.Diagnostics.ActivitySource"/>, its
/// meter, its logger categories and its log event ids. They are part of the public contract and do not change.
/// </summary>
/// <remarks>
/// Logs go through <see cref="OssClientOptions.LoggerFactory"/> (and the factory given to
/// <see cref="FileCheckpointStore(string, Microsoft.Extensions.Logging.ILoggerFactory?)"/>), one category per area
/// (<see cref="LogCategories"/>), with stable ids grouped by phase (<see cref="EventIds"/>): 1xxx transport (13xx the
/// checkpoint files, 16xx the credential providers), 2xxx the resumable engine, 3xxx the engine's checkpoint decisions, 4xxx directory uploads. No message carries
/// credentials, security tokens, signatures or the Authorization header.
/// </remarks>
public static class OssDiagnostics
{
    /// <summary>
    /// The name of the library's <see cref="System.Diagnostics.ActivitySource"/>. It starts activities only when
    /// someone listens: <c>ResumableUpload</c> for a whole upload, <c>ResumableUpload.Part</c> for each part it
    /// uploads, and <c>oss.http {Operation}</c> (for example <c>oss.http UploadPart</c>, kind Client) for each
    /// request sent, its retries included. Their attributes follow the OpenTelemetry HTTP conventions and never
    /// include the object key; a cancel is not an error (status Unset, <c>oss.cancelled</c>).
    /// </summary>
    public const string ActivitySourceName = "Oss.ResumableUpload";

    /// <summary>
    /// The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>; its instruments are named in
    /// <see cref="Metrics"/>. None carries a bucket name, an object key or an upload id.
    /// </summary>
    public const string MeterName = "Oss.ResumableUpload";

    /// <summary>
    /// The names of the instruments of the meter <see cref="MeterName"/>. Request metrics use the OpenTelemetry HTTP
    /// attributes (<c>http.request.method</c>, <c>server.address</c>, <c>server.port</c>, <c>url.scheme</c>,
    /// <c>http.response.status_code</c>, <c>error.type</c>) plus <c>oss.operation</c>.
    /// </summary>
    public static class Metrics
    {
        /// <summary>Counter, unit <c>By</c>: object bytes written to the network in UploadPart and PutObject bodies, every attempt included.</summary>
        public const string BytesSent = "oss.upload.bytes_sent";

        /// <summary>Counter, unit <c>{part}</c>: parts a resumable upload sent and the server stored with matching checksums.</summary>
        public const string PartsUploaded = "oss.upload.parts";

        /// <summary>Counter, unit <c>{retry}</c>: UploadPart requests sent again by the retry policy.</summary>
        public const string PartRetries = "oss.upload.part_retries";

        /// <summary>
        /// Histogram, unit <c>s</c>: one OSS operation from the client's view, retries and their delays included, by
        /// <c>oss.operation</c> and outcome (<c>error.type</c> when it failed). Named apart from the conventions'
        /// <c>http.client.request.duration</c>, which HttpClient already records for each attempt.
        /// </summary>
        public const string RequestDuration = "oss.client.request.duration";

        /// <summary>Histogram, unit <c>s</c>: one resumable upload call, with <c>error.type</c> when it failed or was cancelled.</summary>
        public const string UploadDuration = "oss.upload.duration";

        /// <summary>Counter, unit <c>{upload}</c>: resumable uploads that continued a multipart upload from a checkpoint.</summary>
        public const string UploadsResumed = "oss.upload.resumed";

        /// <summary>Counter, unit <c>{save}</c>: checkpoint saves, by <c>oss.outcome</c> (<c>saved</c> or <c>failed</c>, then with <c>error.type</c>).</summary>
        public const string CheckpointSaves = "oss.checkpoint.saves";
    }

    /// <summary>The logger categories, one per area.</summary>
    public static class LogCategories
    {
        /// <summary>The HTTP pipeline: requests, retries, clock and credential fixes, refused replies, a plain http:// endpoint (event ids 1xxx except 13xx and 16xx).</summary>
        public const string Transport = "Oss.ResumableUpload.Transport";

        /// <summary>The resumable upload engine: its state changes and its checkpoint decisions (event ids 2xxx and 3xxx).</summary>
        public const string Engine = "Oss.ResumableUpload.Engine";

        /// <summary><see cref="FileCheckpointStore"/>: damaged, stale and untrusted files in its directory (event ids 13xx), whether the engine or the caller created it.</summary>
        public const string Checkpoints = "Oss.ResumableUpload.Checkpoints";

        /// <summary><see cref="OssClient.UploadDirectoryAsync"/>: the tree's start and end, files skipped and failed (event ids 4xxx); each file's own upload logs under <see cref="Engine"/>.</summary>
        public const string Directories = "Oss.ResumableUpload.Directories";

        /// <summary>The credential providers (<see cref="DefaultCredentialsProvider"/>, <see cref="EcsRamRoleCredentialsProvider"/>, <see cref="OidcRoleCredentialsProvider"/>): refreshes and the chain's choice (event ids 16xx).</summary>
        public const string Credentials = "Oss.ResumableUpload.Credentials";
    }

    /// <summary>The log event ids. Each belongs to one message and is never reused for another.</summary>
    public static class EventIds
    {
        // Transport (category Transport): requests, retries, refused replies, the endpoint warning.
        /// <summary>Debug: <c>{Operation} {Method} {Resource} attempt {Attempt} sending</c></summary>
        public const int RequestStart = 1001;

        /// <summary>Debug: <c>{Operation} {Method} {Resource} answered {StatusCode} in {ElapsedMs} ms, RequestId {RequestId}</c></summary>
        public const int RequestEnd = 1002;

        /// <summary>Warning: <c>{Operation} {Method} {Resource} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms, RequestId {RequestId}</c></summary>
        public const int RequestRetry = 1003;

        /// <summary>Debug: <c>{Operation} {Method} {Resource} failed after {Attempts} attempt(s): {Reason}</c></summary>
        public const int RequestFailed = 1004;

        /// <summary>Warning: <c>The server reported a clock skew; correcting the request time by {OffsetSeconds} s</c></summary>
        public const int ClockSkewCorrected = 1005;

        /// <summary>Information: <c>The server reported an expired security token; refreshing credentials</c></summary>
        public const int CredentialsRefreshed = 1006;

        /// <summary>Warning: <c>{Operation} {Method} {Resource}: the reply was refused and not retried: {Reason}</c></summary>
        public const int ReplyRefused = 1400;

        /// <summary>Warning: <c>The endpoint {Endpoint} is plain http:// and not on this machine: requests, object data and the x-oss-security-token travel unencrypted and can be read or altered on the way; use https://</c></summary>
        public const int PlainHttpEndpoint = 1500;

        // Checkpoint files (category Checkpoints): what FileCheckpointStore finds in its directory.
        /// <summary>Warning: <c>Removed the damaged checkpoint file {Path}: {Reason}</c></summary>
        public const int DamagedCheckpointFileRemoved = 1301;

        /// <summary>Debug: <c>Removed the temporary file {Path} that an interrupted checkpoint save left behind</c></summary>
        public const int StaleTemporaryFileRemoved = 1302;

        /// <summary>Debug: <c>Could not sync the checkpoint directory {Directory} after a save (it cannot be opened, or its file system does not sync directories); the rename may not survive a power loss</c></summary>
        public const int CheckpointDirectoryNotSynced = 1303;

        /// <summary>Warning: <c>Ignoring the checkpoint file {Path}: it is {Problem}. Only files the current user owns and nobody else can write are trusted</c></summary>
        public const int UntrustedCheckpointFileIgnored = 1304;

        /// <summary>Warning: <c>The checkpoint directory {Directory} is {Problem}: anyone who can write it can remove or replace checkpoints. Use a directory only you can write</c></summary>
        public const int CheckpointDirectoryOpenToOthers = 1305;

        /// <summary>Warning: <c>Not deleting the checkpoint file {Path}: it is owned by user {OwnerId}, not by the current user</c></summary>
        public const int ForeignCheckpointFileKept = 1306;

        // The resumable engine (category Engine): the upload's state changes.
        /// <summary>Information: <c>Uploading '{FilePath}' ({FileLength} bytes) to {BucketName}/{ObjectKey}</c></summary>
        public const int UploadStarting = 2001;

        /// <summary>Information: <c>{BucketName}/{ObjectKey}: the file fits in one part; uploading it with PutObject</c></summary>
        public const int SinglePutStarting = 2002;

        /// <summary>Information: <c>Initiated upload {UploadId} of {BucketName}/{ObjectKey}: {PartCount} parts of {PartSize} bytes</c></summary>
        public const int UploadInitiated = 2003;

        /// <summary>Information: <c>Resuming upload {UploadId}: {KeptParts} parts kept from the checkpoint, {AdoptedParts} adopted from the server, {RejectedParts} rejected, {RemainingParts} of {PartCount} to upload</c></summary>
        public const int UploadResuming = 2004;

        /// <summary>Warning: <c>Part {PartNumber} of upload {UploadId} on the server ({ETag}) does not match the local bytes; uploading it again</c></summary>
        public const int PartRejected = 2005;

        /// <summary>Information: <c>Completing upload {UploadId} with {PartCount} parts</c></summary>
        public const int UploadCompleting = 2006;

        /// <summary>Information: <c>Completed upload {UploadId} of {BucketName}/{ObjectKey}: {FileLength} bytes in {PartCount} parts, {ResumedBytes} bytes resumed, ETag {ETag}, RequestId {RequestId}</c></summary>
        public const int UploadCompleted = 2007;

        /// <summary>Warning: <c>Upload {UploadId} answered NoSuchUpload, but {BucketName}/{ObjectKey} has the expected size and CRC-64: the completion's reply was lost; treating the upload as completed</c></summary>
        public const int CompleteReplyLost = 2008;

        /// <summary>Warning: <c>Upload {UploadId} no longer exists on the server (NoSuchUpload) after {CompletedParts} of {PartCount} parts; its checkpoint was deleted</c></summary>
        public const int UploadVanished = 2009;

        /// <summary>Information: <c>Starting {BucketName}/{ObjectKey} afresh because upload {UploadId} vanished (RestartWhenCannotResume)</c></summary>
        public const int UploadRestarting = 2010;

        /// <summary>Information: <c>Upload {UploadId} cancelled after {CompletedParts} of {PartCount} parts; {Outcome}</c></summary>
        public const int UploadCancelled = 2011;

        /// <summary>Warning: <c>Upload {UploadId} failed after {CompletedParts} of {PartCount} parts ({ErrorType}); {Outcome}</c></summary>
        public const int UploadFailed = 2012;

        /// <summary>Information: <c>Aborted upload {UploadId}</c></summary>
        public const int UploadAborted = 2013;

        /// <summary>Warning: <c>Could not abort upload {UploadId}; its parts stay on the server until a lifecycle rule removes them</c></summary>
        public const int AbortFailed = 2014;

        /// <summary>Information: <c>Aborted upload {UploadId} of a previous version of the file for {BucketName}/{ObjectKey}</c></summary>
        public const int SupersededUploadAborted = 2015;

        /// <summary>Warning: <c>Could not abort upload {UploadId} of a previous version of the file; its checkpoint is kept so that a later upload tries again</c></summary>
        public const int SupersededAbortFailed = 2016;

        /// <summary>Warning: <c>The file changed during upload {UploadId}; aborting it</c></summary>
        public const int FileChangedDuringUpload = 2017;

        /// <summary>Information: <c>Uploaded {BucketName}/{ObjectKey} in one request: {FileLength} bytes, ETag {ETag}, RequestId {RequestId}</c></summary>
        public const int SingleObjectUploaded = 2018;

        /// <summary>Warning: <c>Upload {UploadId} answered NoSuchUpload and {BucketName}/{ObjectKey} exists with the file's size, but not with the file's CRC-64: it is not this upload's object</c></summary>
        public const int CompletedObjectDiffers = 2019;

        /// <summary>Warning: <c>The server reported no CRC-64 for {BucketName}/{ObjectKey}, not even to HeadObject: the stored object could not be checked against the file</c></summary>
        public const int ObjectNotVerified = 2020;

        /// <summary>Warning: <c>Upload {UploadId} could not be kept for a resume because its checkpoint could not be saved; aborting it instead</c></summary>
        public const int KeepFailedAborting = 2021;

        /// <summary>Warning: <c>HeadObject of {BucketName}/{ObjectKey}, asked for the CRC-64 the write's reply lacked, failed</c></summary>
        public const int VerificationHeadFailed = 2022;

        /// <summary>Warning: <c>Could not clean up a checkpoint of a previous version of the file for {BucketName}/{ObjectKey}; the upload goes on</c></summary>
        public const int SupersededCleanFailed = 2023;

        /// <summary>Information: <c>Aborted upload {UploadId} of {BucketName}/{ObjectKey}, left by a process that died while initiating it</c></summary>
        public const int InterruptedInitiateAborted = 2024;

        /// <summary>Warning: <c>Could not clean up after an interrupted initiation of {BucketName}/{ObjectKey}; a multipart upload without parts may stay on the server</c></summary>
        public const int InterruptedInitiateCleanFailed = 2025;

        /// <summary>Information: <c>The stream for {BucketName}/{ObjectKey} has no UploadStreamIdentity: no checkpoint is kept, and a failed upload starts over</c></summary>
        public const int StreamNotCheckpointed = 2026;

        /// <summary>Information: <c>Uploading a non-seekable stream to {BucketName}/{ObjectKey} in parts from {PartSize} bytes; its length is known at its end</c></summary>
        public const int SequentialStreamStarting = 2027;

        /// <summary>Information: <c>Aborted upload {UploadId} of {BucketName}/{ObjectKey}: the call was cancelled while it was being initiated</c></summary>
        public const int CancelledInitiateAborted = 2028;

        /// <summary>Debug: <c>Upload {UploadId} moved {Throughput} bytes/s with {From} parts in flight; allowing {To}</c></summary>
        public const int ConcurrencyRaised = 2029;

        /// <summary>Debug: <c>Upload {UploadId} holds {Limit} parts in flight for the rest of the upload ({Throughput} bytes/s in the last window): {Reason}</c></summary>
        public const int ConcurrencySettled = 2030;

        // The engine's checkpoint decisions (category Engine): load, ignore, save, delete.
        /// <summary>Warning: <c>Ignoring the checkpoint of {BucketName}/{ObjectKey}: {Reason}</c></summary>
        public const int CheckpointIgnored = 3001;

        /// <summary>Debug: <c>Loaded the checkpoint of upload {UploadId}: {CompletedParts} of {PartCount} parts</c></summary>
        public const int CheckpointLoaded = 3002;

        /// <summary>Debug: <c>Saved the checkpoint of upload {UploadId}: {CompletedParts} of {PartCount} parts, {Length} characters</c></summary>
        public const int CheckpointSaved = 3003;

        /// <summary>Warning: <c>Could not save the checkpoint of upload {UploadId}; the upload goes on, but a resume may repeat its latest parts</c></summary>
        public const int CheckpointSaveFailed = 3004;

        /// <summary>Debug: <c>Deleted the checkpoint of upload {UploadId}</c></summary>
        public const int CheckpointDeleted = 3005;

        /// <summary>Warning: <c>Could not delete the checkpoint of upload {UploadId}</c></summary>
        public const int CheckpointDeleteFailed = 3006;

        /// <summary>Warning: <c>Could not read the checkpoint of {BucketName}/{ObjectKey}; starting afresh</c></summary>
        public const int CheckpointLoadFailed = 3007;

        /// <summary>Warning: <c>Could not remove the ignored checkpoint of {BucketName}/{ObjectKey}</c></summary>
        public const int IgnoredCheckpointDeleteFailed = 3008;

        // Credential providers (category Credentials): refreshes and the default chain's choice.
        /// <summary>Debug: <c>{Provider} obtained credentials expiring at {Expiration}</c></summary>
        public const int CredentialsObtained = 1601;

        /// <summary>Warning: <c>{Provider} could not refresh credentials; keeping the current ones, valid until {Expiration}: {Reason}</c></summary>
        public const int CredentialsRefreshFailed = 1602;

        /// <summary>Information: <c>The default credentials chain uses {Provider}</c></summary>
        public const int CredentialsChainSelected = 1603;

        /// <summary>Debug: <c>The default credentials chain skipped {Provider}: {Reason}</c></summary>
        public const int CredentialsChainSkipped = 1604;

        // Directory uploads (category Directories): the tree's start and end, files skipped and failed.
        /// <summary>Information: <c>Uploading the directory '{LocalDirectory}' to {BucketName}/{KeyPrefix}: {FileCount} files, {TotalBytes} bytes</c></summary>
        public const int DirectoryUploadStarting = 4001;

        /// <summary>Debug: <c>Skipped '{RelativePath}': {BucketName}/{ObjectKey} is already uploaded ({Reason})</c></summary>
        public const int DirectoryFileSkipped = 4002;

        /// <summary>Warning: <c>The file '{RelativePath}' of the directory upload failed ({ErrorType})</c></summary>
        public const int DirectoryFileFailed = 4003;

        /// <summary>Information: <c>Uploaded the directory '{LocalDirectory}' in {ElapsedMs} ms: {Uploaded} files uploaded ({UploadedBytes} bytes), {Skipped} skipped, {Failed} failed</c></summary>
        public const int DirectoryUploadCompleted = 4004;

        /// <summary>Information: <c>The upload of the directory '{LocalDirectory}' stopped after {ElapsedMs} ms ({Reason}): {Uploaded} files uploaded ({UploadedBytes} bytes), {Skipped} skipped, {Failed} failed, {NotDone} not done</c></summary>
        public const int DirectoryUploadStopped = 4005;
    }
}
