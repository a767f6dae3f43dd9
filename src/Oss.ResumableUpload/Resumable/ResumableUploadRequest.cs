using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload;

/// <summary>Describes one resumable upload of a local file. See <see cref="OssClient.ResumableUploadAsync"/>.</summary>
public sealed class ResumableUploadRequest
{
    /// <summary>The smallest allowed part size, 100 KiB (only the last part may be smaller).</summary>
    public const long MinPartSize = OssLimits.MinPartSize;

    /// <summary>The largest allowed part size, 5 GiB.</summary>
    public const long MaxPartSize = OssLimits.MaxPartSize;

    /// <summary>The most parts one upload may have.</summary>
    public const int MaxPartCount = OssLimits.MaxPartCount;

    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets the path of the local file to upload.</summary>
    public required string UploadFilePath { get; init; }

    /// <summary>Gets the part size in bytes.</summary>
    /// <value>Default 1 MiB. Range <see cref="MinPartSize"/>..<see cref="MaxPartSize"/>. It is raised automatically so that the file needs at most 10,000 parts. A resumed upload keeps the layout fixed in its checkpoint.</value>
    public long PartSize { get; init; } = 1024 * 1024;

    /// <summary>Gets how many parts may be in flight at once.</summary>
    /// <value>Default 4. Range 1..64. Memory use is about MaxConcurrency × PartSize.</value>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Gets a directory for checkpoint files: a <c>FileCheckpointStore</c> there.</summary>
    /// <value>Default null. Ignored when <see cref="CheckpointStore"/> is set. With neither, no checkpoint is kept and a failed upload starts over.</value>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Gets the store for checkpoints. Takes precedence over <see cref="CheckpointDirectory"/>.</summary>
    /// <value>Default null.</value>
    public ICheckpointStore? CheckpointStore { get; init; }

    /// <summary>Gets what a cancel does with the server-side upload and the checkpoint.</summary>
    /// <value>Default <see cref="UploadCancelBehavior.Abort"/>.</value>
    public UploadCancelBehavior CancelBehavior { get; init; } = UploadCancelBehavior.Abort;

    /// <summary>Gets a value indicating whether to start afresh when the checkpoint's upload no longer exists on the server.</summary>
    /// <value>Default false: the stale checkpoint is deleted and <see cref="OssClientException"/> with <see cref="OssClientErrorCode.CannotResumeUpload"/> is thrown.</value>
    public bool RestartWhenCannotResume { get; init; }

    /// <summary>Gets the receiver of progress reports. Reports are throttled and never go backwards.</summary>
    public IProgress<UploadProgress>? Progress { get; init; }

    /// <summary>Gets the upload callback sent with CompleteMultipartUpload (or PutObject). Default null: none.</summary>
    public OssUploadCallback? Callback { get; init; }

    /// <summary>Gets the object's Content-Type.</summary>
    /// <value>Default null: the library picks one from the key's file extension (for example <c>.txt</c> → <c>text/plain</c>), else <c>application/octet-stream</c>.</value>
    public string? ContentType { get; init; }

    /// <summary>Gets user metadata, sent as <c>x-oss-meta-*</c>.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets a value indicating whether a file that fits in one part goes up as a single PutObject.</summary>
    /// <value>Default true. Then <see cref="ResumableUploadResult.UploadId"/> is null.</value>
    public bool UseSinglePutForSmallFiles { get; init; } = true;
}
