namespace Oss.ResumableUpload.Testing;

/// <summary>An unfinished multipart upload and its parts. Guarded by <see cref="ServerState.Gate"/>.</summary>
internal sealed class UploadState
{
    public required string UploadId { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required DateTimeOffset Initiated { get; init; }

    public required string ContentType { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Storage class, encryption, tags, ACL and stored HTTP headers, as given at PutObject or Initiate.</summary>
    public StoredSettings Settings { get; init; } = StoredSettings.None;

    /// <summary>Gets the parts by number; a part uploaded again replaces the earlier one.</summary>
    public SortedDictionary<int, PartState> Parts { get; } = [];
}

/// <summary>One uploaded part.</summary>
internal sealed class PartState(int partNumber, StoredBlob blob, DateTimeOffset lastModified)
{
    public int PartNumber { get; } = partNumber;

    public StoredBlob Blob { get; } = blob;

    public DateTimeOffset LastModified { get; } = lastModified;

    public long Size => Blob.Length;

    public string ETag => Blob.Md5.ToETag();
}
