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
}
