namespace Oss.ResumableUpload;

/// <summary>Describes the upload of a local directory tree. See <see cref="OssClient.UploadDirectoryAsync"/>.</summary>
/// <remarks>
/// The object settings (<see cref="StorageClass"/>, <see cref="ServerSideEncryption"/>, <see cref="Metadata"/>, ...)
/// apply to every object, exactly as the same properties of <see cref="ResumableUploadRequest"/> do for one file.
/// </remarks>
public sealed class UploadDirectoryRequest : Protocol.IObjectSettingsSource
{
    /// <summary>Gets the local directory whose files are uploaded (recursively).</summary>
    public required string LocalDirectory { get; init; }

    /// <summary>Gets the bucket name.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the prefix of every key: a file's key is the prefix followed by its path relative to <see cref="LocalDirectory"/>, with <c>/</c> between names on every platform.</summary>
    /// <value>Default empty. For a "folder" give it a trailing <c>/</c>, for example <c>backups/2026-12-02/</c>.</value>
    public string KeyPrefix { get; init; } = "";

    /// <summary>Gets glob patterns (Microsoft.Extensions.FileSystemGlobbing syntax: <c>*</c>, <c>**</c>, relative to <see cref="LocalDirectory"/>, with <c>/</c>) a file must match to be uploaded.</summary>
    /// <value>Default null: every file.</value>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary>Gets glob patterns of files to leave out; they win over <see cref="Include"/>.</summary>
    /// <value>Default null: none.</value>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Gets a value indicating whether hidden files and directories (a name starting with <c>.</c>, or the Hidden attribute) are uploaded.</summary>
    /// <value>Default false: they are left out.</value>
    public bool IncludeHidden { get; init; }

    /// <summary>Gets a value indicating whether symbolic links are followed: a link to a file uploads the file under the link's path, a link to a directory is walked.</summary>
    /// <value>Default false: links are left out. When true, a directory reached twice (a link loop) is walked only once.</value>
    public bool FollowSymbolicLinks { get; init; }

    /// <summary>Gets a value indicating whether a file is skipped when its object already exists with the same size and CRC-64 (one HeadObject per file; the local CRC-64 is computed only when the sizes match).</summary>
    /// <value>Default false.</value>
    public bool SkipUnchanged { get; init; }

    /// <summary>Gets how many part bodies and small files may be in flight at once across the whole tree.</summary>
    /// <value>Default 8. Range 1..64. Memory use is about MaxConcurrency × PartSize; at most this many files are open at once.</value>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Gets the part size in bytes of every file's upload.</summary>
    /// <value>Default 1 MiB. Range <see cref="ResumableUploadRequest.MinPartSize"/>..<see cref="ResumableUploadRequest.MaxPartSize"/>. A file of at most one part goes up as one PutObject.</value>
    public long PartSize { get; init; } = 1024 * 1024;

    /// <summary>Gets a directory for the files' checkpoints and the tree's manifest, so that a later call with the same request resumes.</summary>
    /// <value>Default null: nothing is kept and a failed call starts over (except with <see cref="SkipUnchanged"/>).</value>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Gets what a cancel does with each file in flight.</summary>
    /// <value>Default null: <see cref="UploadCancelBehavior.KeepForResume"/> when <see cref="CheckpointDirectory"/> is set, else <see cref="UploadCancelBehavior.Abort"/>.</value>
    public UploadCancelBehavior? CancelBehavior { get; init; }

    /// <summary>Gets a value indicating whether the first failed file stops the whole call.</summary>
    /// <value>Default false: the other files go on, and the failure is in the result. When true, no new file starts, the files in flight are cancelled (with <see cref="CancelBehavior"/>) and the first file's exception is thrown.</value>
    public bool StopOnFirstFailure { get; init; }

    /// <summary>Gets the bandwidth limit of each request, in bit/s (<c>x-oss-traffic-limit</c>), sent on every part and every small file's PutObject.</summary>
    /// <value>
    /// Default null: none. Range 819,200 (100 KiB/s) to 838,860,800 (100 MiB/s). OSS applies it to each request, so the
    /// whole tree can reach up to <see cref="MaxConcurrency"/> times this rate. A resume may use another limit.
    /// </value>
    public long? TrafficLimit { get; init; }

    /// <summary>Gets the receiver of progress reports over the whole tree. Reports are throttled and never go backwards.</summary>
    public IProgress<DirectoryUploadProgress>? Progress { get; init; }

    /// <summary>Gets the Content-Type of every object.</summary>
    /// <value>Default null: each object's is picked from its file extension (for example <c>.txt</c> → <c>text/plain</c>), else <c>application/octet-stream</c>.</value>
    public string? ContentType { get; init; }

    /// <summary>Gets user metadata of every object, sent as <c>x-oss-meta-*</c>.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the storage class of every object: "Standard", "IA", "Archive", "ColdArchive" or "DeepColdArchive". Default null: the bucket's.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Gets the server-side encryption of every object: "AES256", "KMS" or "SM4". Default null: the bucket's.</summary>
    public string? ServerSideEncryption { get; init; }

    /// <summary>Gets the KMS key id; only with <c>ServerSideEncryption = "KMS"</c>. Default null.</summary>
    public string? ServerSideEncryptionKeyId { get; init; }

    /// <summary>Gets the tags of every object: at most 10. Default null: none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the ACL of every object: "private", "public-read", "public-read-write" or "default". Default null: not sent.</summary>
    public string? ObjectAcl { get; init; }

    /// <summary>Gets a value indicating whether existing objects must not be overwritten (<c>x-oss-forbid-overwrite</c>); such a file then fails with 409 FileAlreadyExists. Default false.</summary>
    public bool ForbidOverwrite { get; init; }

    /// <summary>Gets the <c>Cache-Control</c> of every object. Default null.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the <c>Content-Disposition</c> of every object. Default null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the <c>Content-Encoding</c> of every object (the bytes are stored as given). Default null.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the <c>Expires</c> time of every object. Default null.</summary>
    public DateTimeOffset? Expires { get; init; }
}
