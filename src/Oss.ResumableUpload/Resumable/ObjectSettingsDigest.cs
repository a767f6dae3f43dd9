using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// A short digest of the settings an upload stores on its object at Initiate (content type, metadata, storage class,
/// encryption, tags, ACL, overwrite rule, Cache-Control, Content-Disposition, Content-Encoding, Expires). It is part
/// of the checkpoint key's fingerprint, so a resume with other settings does not reuse an upload that would store the
/// old ones: that upload's checkpoint is then superseded and its upload aborted, like one of a changed file.
/// </summary>
internal static class ObjectSettingsDigest
{
    /// <summary>The settings the request stores on its object, with the content type it would pick when none is given.</summary>
    public static ObjectSettings Effective(ResumableUploadRequest request)
        => ObjectSettings.From(request) with { ContentType = request.ContentType ?? ContentTypes.FromKey(request.ObjectKey) };

    /// <summary>The digest of the effective settings (the content type already resolved), as 16 hexadecimal digits.</summary>
    public static string Compute(ObjectSettings settings)
    {
        var text = new StringBuilder();
        Append(text, "ct", settings.ContentType);
        AppendMap(text, "meta", settings.Metadata);
        Append(text, "sc", settings.StorageClass);
        Append(text, "sse", settings.ServerSideEncryption);
        Append(text, "kms", settings.ServerSideEncryptionKeyId);
        AppendMap(text, "tag", settings.Tags);
        Append(text, "acl", settings.ObjectAcl);
        Append(text, "fo", settings.ForbidOverwrite ? "1" : null);
        Append(text, "cc", settings.CacheControl);
        Append(text, "cd", settings.ContentDisposition);
        Append(text, "ce", settings.ContentEncoding);
        Append(text, "exp", settings.Expires?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        ulong hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString()));
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    // Length-prefixed, so that no two different settings encode to the same text.
    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is null)
        {
            text.Append(name).Append(";-;");
            return;
        }

        text.Append(name).Append(';').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }

    private static void AppendMap(StringBuilder text, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            Append(text, name, null);
            return;
        }

        foreach (KeyValuePair<string, string> entry in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Append(text, name + ".k", entry.Key);
            Append(text, name + ".v", entry.Value);
        }
    }
}
