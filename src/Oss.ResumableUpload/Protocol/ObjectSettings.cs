using System.Globalization;

namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// What an upload stores on the object, whichever request carries it (<see cref="ResumableUploadRequest"/>,
/// <see cref="PutObjectRequest"/>, <see cref="InitiateMultipartUploadRequest"/>): one set of rules for validating
/// them and one for writing them as headers (<see cref="ObjectHeaders.AddObjectSettings"/>), so the three stay in step.
/// </summary>
internal sealed record ObjectSettings
{
    public const long MinTrafficLimit = 819_200;

    public const long MaxTrafficLimit = 838_860_800;

    public const int MaxTagCount = 10;

    public const int MaxTagKeyLength = 128;

    public const int MaxTagValueLength = 256;

    private static readonly string[] s_storageClasses = ["Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"];

    private static readonly string[] s_encryptions = ["AES256", "KMS", "SM4"];

    private static readonly string[] s_acls = ["private", "public-read", "public-read-write", "default"];

    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public string? StorageClass { get; init; }

    public string? ServerSideEncryption { get; init; }

    public string? ServerSideEncryptionKeyId { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? ObjectAcl { get; init; }

    public bool ForbidOverwrite { get; init; }

    public string? CacheControl { get; init; }

    public string? ContentDisposition { get; init; }

    public string? ContentEncoding { get; init; }

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Reads the settings of any of the three requests that carry them.</summary>
    public static ObjectSettings From(IObjectSettingsSource request) => new()
    {
        ContentType = request.ContentType,
        Metadata = request.Metadata,
        StorageClass = request.StorageClass,
        ServerSideEncryption = request.ServerSideEncryption,
        ServerSideEncryptionKeyId = request.ServerSideEncryptionKeyId,
        Tags = request.Tags,
        ObjectAcl = request.ObjectAcl,
        ForbidOverwrite = request.ForbidOverwrite,
        CacheControl = request.CacheControl,
        ContentDisposition = request.ContentDisposition,
        ContentEncoding = request.ContentEncoding,
        Expires = request.Expires,
    };

    /// <summary>Throws <see cref="ArgumentException"/> for the first setting OSS would refuse; <paramref name="owner"/> names the request type in messages.</summary>
    public void Validate(string owner, string paramName)
    {
        OssRequestValidation.ValidateHeaderValue(ContentType, owner + ".ContentType", paramName);
        OssRequestValidation.ValidateMetadata(Metadata, paramName);
        EnsureOneOf(StorageClass, s_storageClasses, owner + ".StorageClass", paramName);
        EnsureOneOf(ServerSideEncryption, s_encryptions, owner + ".ServerSideEncryption", paramName);
        if (ServerSideEncryptionKeyId is not null)
        {
            if (!string.Equals(ServerSideEncryption, "KMS", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{owner}.ServerSideEncryptionKeyId may be set only when ServerSideEncryption is \"KMS\".", paramName);
            }

            if (ServerSideEncryptionKeyId.Length == 0)
            {
                throw new ArgumentException($"{owner}.ServerSideEncryptionKeyId must be null or a KMS key id.", paramName);
            }

            OssRequestValidation.ValidateHeaderValue(ServerSideEncryptionKeyId, owner + ".ServerSideEncryptionKeyId", paramName);
        }

        EnsureOneOf(ObjectAcl, s_acls, owner + ".ObjectAcl", paramName);
        OssRequestValidation.ValidateHeaderValue(CacheControl, owner + ".CacheControl", paramName);
        OssRequestValidation.ValidateHeaderValue(ContentDisposition, owner + ".ContentDisposition", paramName);
        OssRequestValidation.ValidateHeaderValue(ContentEncoding, owner + ".ContentEncoding", paramName);
        ValidateTags(Tags, owner, paramName);
    }

    public static void ValidateTrafficLimit(long? trafficLimit, string owner, string paramName)
    {
        if (trafficLimit is < MinTrafficLimit or > MaxTrafficLimit)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                trafficLimit,
                string.Create(CultureInfo.InvariantCulture, $"{owner}.TrafficLimit must be between {MinTrafficLimit} (100 KiB/s) and {MaxTrafficLimit} (100 MiB/s), in bit/s."));
        }
    }

    /// <summary>The <c>x-oss-tagging</c> value: percent-encoded <c>k=v</c> pairs joined by <c>&amp;</c>.</summary>
    public static string FormatTags(IReadOnlyDictionary<string, string> tags)
        => string.Join('&', tags.Select(t => Signing.OssUriEncoder.EscapeQuery(t.Key) + "=" + Signing.OssUriEncoder.EscapeQuery(t.Value)));

    private static void ValidateTags(IReadOnlyDictionary<string, string>? tags, string owner, string paramName)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTagCount)
        {
            throw new ArgumentException($"{owner}.Tags has {tags.Count} tags; OSS allows at most {MaxTagCount}.", paramName);
        }

        // Tags are percent-encoded into x-oss-tagging, so any text is safe on the wire, but only if UTF-8 can carry it.
        foreach (KeyValuePair<string, string> tag in tags)
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                throw new ArgumentException("A tag name must not be empty.", paramName);
            }

            if (tag.Key.Length > MaxTagKeyLength)
            {
                throw new ArgumentException($"The tag name '{tag.Key[..16]}…' is {tag.Key.Length} characters long; OSS allows at most {MaxTagKeyLength}.", paramName);
            }

            OssHeaderRules.EnsureWellFormed(tag.Key, "A tag name", paramName);
            if (tag.Value is null)
            {
                throw new ArgumentException($"The tag '{tag.Key}' has a null value.", paramName);
            }

            if (tag.Value.Length > MaxTagValueLength)
            {
                throw new ArgumentException($"The value of tag '{tag.Key}' is {tag.Value.Length} characters long; OSS allows at most {MaxTagValueLength}.", paramName);
            }

            OssHeaderRules.EnsureWellFormed(tag.Value, $"The value of tag '{tag.Key}'", paramName);
        }
    }

    private static void EnsureOneOf(string? value, string[] allowed, string what, string paramName)
    {
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            throw new ArgumentException($"{what} is '{value.ReplaceLineEndings("\\n")}'; it must be one of {string.Join(", ", allowed)} (or null, not sent).", paramName);
        }
    }
}
