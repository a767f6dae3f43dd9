namespace Oss.ResumableUpload.Testing;

/// <summary>
/// What PutObject or InitiateMultipartUpload asks OSS to keep with the object besides its bytes, content type and
/// metadata: storage class, encryption, tags, ACL and the stored HTTP headers. Read and checked as OSS would.
/// </summary>
internal sealed class StoredSettings
{
    public const string DefaultStorageClass = "Standard";

    private static readonly string[] s_storageClasses = ["Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"];

    private static readonly string[] s_encryptions = ["AES256", "KMS", "SM4"];

    private static readonly string[] s_acls = ["private", "public-read", "public-read-write", "default"];

    public static StoredSettings None { get; } = new() { Tags = new Dictionary<string, string>() };

    public string StorageClass { get; init; } = DefaultStorageClass;

    public string? ServerSideEncryption { get; init; }

    public string? ServerSideEncryptionKeyId { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public string? ObjectAcl { get; init; }

    public string? CacheControl { get; init; }

    public string? ContentDisposition { get; init; }

    public string? ContentEncoding { get; init; }

    public string? Expires { get; init; }

    /// <summary>Reads the settings from the request's headers, failing as OSS does on a value it does not know.</summary>
    public static StoredSettings FromRequest(OssRequestContext request)
    {
        string? storageClass = OneOf(request, "x-oss-storage-class", s_storageClasses);
        string? encryption = OneOf(request, "x-oss-server-side-encryption", s_encryptions);
        string? keyId = request.Header("x-oss-server-side-encryption-key-id");
        if (keyId is not null && encryption != "KMS")
        {
            throw OssError.InvalidArgument("x-oss-server-side-encryption-key-id is only allowed with KMS encryption.", "x-oss-server-side-encryption-key-id", keyId).ToException();
        }

        return new StoredSettings
        {
            StorageClass = storageClass ?? DefaultStorageClass,
            ServerSideEncryption = encryption,
            ServerSideEncryptionKeyId = keyId,
            Tags = ParseTags(request.Header("x-oss-tagging")),
            ObjectAcl = OneOf(request, "x-oss-object-acl", s_acls),
            CacheControl = request.Header("Cache-Control"),
            ContentDisposition = request.Header("Content-Disposition"),
            ContentEncoding = request.Header("Content-Encoding"),
            Expires = request.Header("Expires"),
        };
    }

    /// <summary>Adds the headers HeadObject and GetObject return for these settings.</summary>
    public void WriteTo(OssReply reply)
    {
        reply.WithHeader("x-oss-storage-class", StorageClass);
        AddIfSet(reply, "x-oss-server-side-encryption", ServerSideEncryption);
        AddIfSet(reply, "x-oss-server-side-encryption-key-id", ServerSideEncryptionKeyId);
        if (Tags.Count > 0)
        {
            reply.WithHeader("x-oss-tagging-count", Tags.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AddIfSet(reply, "Cache-Control", CacheControl);
        AddIfSet(reply, "Content-Disposition", ContentDisposition);
        AddIfSet(reply, "Content-Encoding", ContentEncoding);
        AddIfSet(reply, "Expires", Expires);
    }

    private static void AddIfSet(OssReply reply, string name, string? value)
    {
        if (value is not null)
        {
            reply.WithHeader(name, value);
        }
    }

    private static string? OneOf(OssRequestContext request, string header, string[] allowed)
    {
        string? value = request.Header(header);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            throw OssError.InvalidArgument($"The value of {header} is not valid.", header, value).ToException();
        }

        return value;
    }

    private static Dictionary<string, string> ParseTags(string? tagging)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(tagging))
        {
            return tags;
        }

        foreach (string pair in tagging.Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key.Length is 0 or > 128 || value.Length > 256 || !tags.TryAdd(key, value))
            {
                throw OssError.InvalidArgument("The x-oss-tagging header is not valid.", "x-oss-tagging", tagging).ToException();
            }
        }

        if (tags.Count > 10)
        {
            throw OssError.InvalidArgument("An object may have at most 10 tags.", "x-oss-tagging", tagging).ToException();
        }

        return tags;
    }
}
