namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// The object settings that <see cref="ResumableUploadRequest"/>, <see cref="PutObjectRequest"/> and
/// <see cref="InitiateMultipartUploadRequest"/> all carry, so that <see cref="ObjectSettings.From"/> reads them in one
/// place and the three requests stay in step (a setting added to one and not the others fails to compile).
/// </summary>
internal interface IObjectSettingsSource
{
    string? ContentType { get; }

    IReadOnlyDictionary<string, string>? Metadata { get; }

    string? StorageClass { get; }

    string? ServerSideEncryption { get; }

    string? ServerSideEncryptionKeyId { get; }

    IReadOnlyDictionary<string, string>? Tags { get; }

    string? ObjectAcl { get; }

    bool ForbidOverwrite { get; }

    string? CacheControl { get; }

    string? ContentDisposition { get; }

    string? ContentEncoding { get; }

    DateTimeOffset? Expires { get; }
}
