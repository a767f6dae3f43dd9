using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload;

/// <summary>
/// Describes one resumable upload of a local file (<see cref="UploadFilePath"/>) or of a stream (<see cref="UploadStream"/>):
/// exactly one of the two is set. See <see cref="OssClient.ResumableUploadAsync"/>.
/// </summary>
public sealed class ResumableUploadRequest : Protocol.IObjectSettingsSource
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
    /// <value>Default null. Exactly one of <see cref="UploadFilePath"/> and <see cref="UploadStream"/> must be set, else <see cref="ArgumentException"/>.</value>
    public string? UploadFilePath { get; init; }

    /// <summary>Gets the stream to upload instead of a file; the library reads it but never disposes it.</summary>
    /// <value>
    /// Default null. A seekable stream with a known length is uploaded from its current <see cref="Stream.Position"/>
    /// to its end, in parallel parts read with positioned reads under a lock; it can be resumed across processes when a
    /// checkpoint store is set and <see cref="UploadStreamIdentity"/> names its content. A change of its length during
    /// the upload fails with <see cref="OssClientErrorCode.FileChanged"/>. A non-seekable stream (or one whose
    /// <see cref="Stream.Length"/> throws) is read sequentially into pooled part buffers, still with up to
    /// <see cref="MaxConcurrency"/> parts in flight; it is never checkpointed, so <see cref="UploadCancelBehavior.KeepForResume"/>
    /// is refused with <see cref="ArgumentException"/>. Its part sizes grow: <see cref="PartSize"/> for the first 50 parts,
    /// then doubling every 50 parts up to 5 GiB, so that 10,000 parts hold more than 48.8 TB.
    /// </value>
    public Stream? UploadStream { get; init; }

    /// <summary>Gets the caller's name for the version of <see cref="UploadStream"/>'s content, needed to checkpoint a stream.</summary>
    /// <value>
    /// Default null: a stream upload keeps no checkpoint (an Information log says so) and a failed upload starts over.
    /// The same identity must mean the same bytes: the checkpoint's fingerprint is derived from the identity and the
    /// length, never from the stream's bytes (every part's MD5 and the object's CRC-64 are still checked). It is ignored
    /// for a non-seekable stream (which is never checkpointed); set without <see cref="UploadStream"/>, or empty, it is an
    /// <see cref="ArgumentException"/>.
    /// </value>
    public string? UploadStreamIdentity { get; init; }

    /// <summary>Gets the part size in bytes.</summary>
    /// <value>Default 1 MiB. Range <see cref="MinPartSize"/>..<see cref="MaxPartSize"/>. It is raised automatically so that the file needs at most 10,000 parts. A resumed upload keeps the layout fixed in its checkpoint.</value>
    public long PartSize { get; init; } = 1024 * 1024;

    /// <summary>Gets how many parts may be in flight at once; with <see cref="AdaptiveConcurrency"/>, how many the upload starts with.</summary>
    /// <value>
    /// Default 4. Range 1..64. Memory use is about the parts in flight × PartSize: MaxConcurrency × PartSize when
    /// <see cref="AdaptiveConcurrency"/> is false, at most <see cref="AdaptiveMemoryLimit"/> (or MaxConcurrency ×
    /// PartSize, if that is more) when it is true.
    /// </value>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Gets a value indicating whether a file or seekable stream may put more parts in flight than <see cref="MaxConcurrency"/> while that raises the throughput.</summary>
    /// <value>
    /// Default true. The upload starts with <see cref="MaxConcurrency"/> parts in flight and, after a 300 ms warm-up (again
    /// after each addition, whose new connections start slow), measures the throughput of its completed parts over windows of at least 250 ms; it then adds parts in flight (+50%, at least +2) while each
    /// addition beats the window before it by 15% or more, and holds the count for the rest of the upload at the first
    /// addition that does not (so a fast near server or a CPU-bound machine stays at or near MaxConcurrency). It never
    /// goes below MaxConcurrency, and never above min(64, max(MaxConcurrency, <see cref="AdaptiveMemoryLimit"/> ÷
    /// PartSize)). This fills a far link, whose round trips leave a few parts idle most of the time. False: exactly
    /// MaxConcurrency parts in flight, as a fixed setting. A non-seekable stream always uses MaxConcurrency; so does
    /// each file of a directory upload, whose own MaxConcurrency bounds the parts of all its files together.
    /// <see cref="ResumableUploadResult.PeakConcurrency"/> tells what an upload used; Debug events 2029 and 2030 log
    /// each addition and the count it settles at.
    /// </value>
    public bool AdaptiveConcurrency { get; init; } = true;

    /// <summary>Gets the memory the parts in flight may take when <see cref="AdaptiveConcurrency"/> adds parts, in bytes.</summary>
    /// <value>
    /// Default 64 MiB. Range 1 byte..16 GiB. Adaptive concurrency adds parts in flight only up to this ÷ the upload's
    /// part size (at most 64 parts, and never fewer than <see cref="MaxConcurrency"/>): each part in flight holds a
    /// buffer of its size (parts over 64 MiB of a file stream from it instead). With 1 MiB parts the default allows up
    /// to 64 in flight; with 16 MiB parts, 4. Ignored when AdaptiveConcurrency is false; checked before any request.
    /// </value>
    public long AdaptiveMemoryLimit { get; init; } = 64 * 1024 * 1024;

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

    /// <summary>Gets the storage class (<c>x-oss-storage-class</c>): "Standard", "IA", "Archive", "ColdArchive" or "DeepColdArchive". Default null: the bucket's.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Gets the server-side encryption (<c>x-oss-server-side-encryption</c>): "AES256", "KMS" or "SM4". Default null: the bucket's.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id (<c>x-oss-server-side-encryption-key-id</c>); only with <c>ServerSideEncryption = "KMS"</c>. Default null.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets object tags (<c>x-oss-tagging</c>): at most 10, names up to 128 characters, values up to 256. Default null: none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the object ACL (<c>x-oss-object-acl</c>): "private", "public-read", "public-read-write" or "default". Default null: not sent.</summary>
    public string? ObjectAcl { get; init; }

    /// <summary>Gets a value indicating whether an existing object with the same key must not be overwritten (<c>x-oss-forbid-overwrite</c>); OSS then fails with 409 FileAlreadyExists. Default false.</summary>
    public bool ForbidOverwrite { get; init; }

    /// <summary>Gets the <c>Cache-Control</c> stored with the object. Default null.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the <c>Content-Disposition</c> stored with the object. Default null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the <c>Content-Encoding</c> stored with the object (the bytes are stored as given). Default null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the <c>Expires</c> time stored with the object (sent as an RFC 1123 date). Default null.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Gets the upload bandwidth limit in bit/s (<c>x-oss-traffic-limit</c>), 819,200 to 838,860,800. Default null: unlimited.</summary>
    public long? TrafficLimit { get; init; }

    /// <summary>Gets the slots shared with other uploads (a directory upload's files) that bound the part bodies in flight; null: only <see cref="MaxConcurrency"/> bounds them.</summary>
    internal Directories.TransferBudget? Budget { get; init; }
}
