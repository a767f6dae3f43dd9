namespace Oss.ResumableUpload.Testing;

/// <summary>The JSON form of an unfinished upload in <see cref="UploadJournal"/>.</summary>
internal sealed class StoredUploadRecord
{
    public string? UploadId { get; set; }

    public string? Bucket { get; set; }

    public string? Key { get; set; }

    public DateTimeOffset Initiated { get; set; }

    public string? ContentType { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public string? StorageClass { get; set; }

    public string? ServerSideEncryption { get; set; }

    public string? ServerSideEncryptionKeyId { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public string? ObjectAcl { get; set; }

    public string? CacheControl { get; set; }

    public string? ContentDisposition { get; set; }

    public string? ContentEncoding { get; set; }

    public string? Expires { get; set; }

    public List<StoredPartRecord>? Parts { get; set; }

    /// <summary>A snapshot of the upload. Caller holds <see cref="ServerState.Gate"/>.</summary>
    public static StoredUploadRecord Of(UploadState upload) => new()
    {
        UploadId = upload.UploadId,
        Bucket = upload.Bucket,
        Key = upload.Key,
        Initiated = upload.Initiated,
        ContentType = upload.ContentType,
        Metadata = new Dictionary<string, string>(upload.Metadata, StringComparer.OrdinalIgnoreCase),
        StorageClass = upload.Settings.StorageClass,
        ServerSideEncryption = upload.Settings.ServerSideEncryption,
        ServerSideEncryptionKeyId = upload.Settings.ServerSideEncryptionKeyId,
        Tags = new Dictionary<string, string>(upload.Settings.Tags, StringComparer.Ordinal),
        ObjectAcl = upload.Settings.ObjectAcl,
        CacheControl = upload.Settings.CacheControl,
        ContentDisposition = upload.Settings.ContentDisposition,
        ContentEncoding = upload.Settings.ContentEncoding,
        Expires = upload.Settings.Expires,
        Parts = upload.Parts.Values.Select(p => new StoredPartRecord
        {
            PartNumber = p.PartNumber,
            Blob = PersistentBlobStore.FileNameOf(p.Blob),
            Length = p.Size,
            Md5 = p.Blob.Md5.ToBase64(),
            Crc64 = p.Blob.Crc64,
            LastModified = p.LastModified,
        }).ToList(),
    };

    /// <summary>The upload without its parts, which <see cref="UploadJournal"/> adds after checking their blobs.</summary>
    public UploadState ToState() => new()
    {
        UploadId = UploadId!,
        Bucket = Bucket!,
        Key = Key!,
        Initiated = Initiated,
        ContentType = ContentType ?? ObjectHandlers.DefaultContentType,
        Metadata = new Dictionary<string, string>(Metadata ?? [], StringComparer.OrdinalIgnoreCase),
        Settings = new StoredSettings
        {
            StorageClass = StorageClass ?? StoredSettings.DefaultStorageClass,
            ServerSideEncryption = ServerSideEncryption,
            ServerSideEncryptionKeyId = ServerSideEncryptionKeyId,
            Tags = Tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
            ObjectAcl = ObjectAcl,
            CacheControl = CacheControl,
            ContentDisposition = ContentDisposition,
            ContentEncoding = ContentEncoding,
            Expires = Expires,
        },
    };
}

/// <summary>The JSON form of one part in <see cref="StoredUploadRecord"/>.</summary>
internal sealed class StoredPartRecord
{
    public int PartNumber { get; set; }

    public string? Blob { get; set; }

    public long Length { get; set; }

    public string? Md5 { get; set; }

    public ulong Crc64 { get; set; }

    public DateTimeOffset LastModified { get; set; }
}
