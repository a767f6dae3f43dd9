using System.Globalization;
using Oss.ResumableUpload.Callback;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// The object headers the writing operations share: user metadata, optional settings, and the conditions of the
/// request that creates the object (InitiateMultipartUpload, CompleteMultipartUpload, PutObject).
/// </summary>
internal static class ObjectHeaders
{
    /// <summary>Adds each entry as <c>x-oss-meta-{lower-case name}</c>.</summary>
    public static void AddMetadata(this OssOperation operation, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (KeyValuePair<string, string> entry in metadata)
        {
            operation.Headers["x-oss-meta-" + entry.Key.ToLowerInvariant()] = entry.Value;
        }
    }

    /// <summary>Adds the header unless the value is null or empty.</summary>
    public static void AddHeaderIfSet(this OssOperation operation, string header, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            operation.Headers[header] = value;
        }
    }

    /// <summary>
    /// Adds <c>x-oss-forbid-overwrite</c> when asked and the upload callback's headers when there is one; a request
    /// with a callback reads a 203 reply as CallbackFailed (<see cref="OssOperation.HasCallback"/>).
    /// </summary>
    public static void AddWriteConditions(this OssOperation operation, bool forbidOverwrite, OssUploadCallback? callback)
    {
        if (forbidOverwrite)
        {
            operation.Headers["x-oss-forbid-overwrite"] = "true";
        }

        if (callback is not null)
        {
            CallbackHeaders.Apply(callback, operation.Headers);
            operation.HasCallback = true;
        }
    }
    /// <summary>Writes the object's settings as OSS headers; a null or empty setting sends nothing.</summary>
    public static void AddObjectSettings(this OssOperation operation, ObjectSettings settings)
    {
        operation.AddHeaderIfSet("Content-Type", settings.ContentType);
        operation.AddMetadata(settings.Metadata);
        operation.AddHeaderIfSet("x-oss-storage-class", settings.StorageClass);
        operation.AddHeaderIfSet("x-oss-server-side-encryption", settings.ServerSideEncryption);
        operation.AddHeaderIfSet("x-oss-server-side-encryption-key-id", settings.ServerSideEncryptionKeyId);
        operation.AddHeaderIfSet("x-oss-object-acl", settings.ObjectAcl);
        operation.AddHeaderIfSet("Cache-Control", settings.CacheControl);
        operation.AddHeaderIfSet("Content-Disposition", settings.ContentDisposition);
        operation.AddHeaderIfSet("Content-Encoding", settings.ContentEncoding);
        if (settings.Expires is DateTimeOffset expires)
        {
            operation.Headers["Expires"] = expires.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        }

        if (settings.Tags is { Count: > 0 } tags)
        {
            operation.Headers["x-oss-tagging"] = ObjectSettings.FormatTags(tags);
        }

        operation.AddWriteConditions(settings.ForbidOverwrite, callback: null);
    }

    /// <summary>Writes <c>x-oss-traffic-limit</c> (bit/s) when set.</summary>
    public static void AddTrafficLimit(this OssOperation operation, long? trafficLimit)
    {
        if (trafficLimit is long limit)
        {
            operation.Headers["x-oss-traffic-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        }
    }
}
