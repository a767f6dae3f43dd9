using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// The server's own OSS V1 computation (the OSS API reference, "Signature version 1"): <c>base64(HMAC-SHA1(secret, StringToSign))</c> over
/// VERB, Content-MD5, Content-Type, Date (or Expires), the CanonicalizedOSSHeaders and the CanonicalizedResource.
/// </summary>
internal static class V1Signature
{
    /// <summary>The query parameters that belong to the CanonicalizedResource, besides every <c>x-oss-*</c> one.</summary>
    private static readonly HashSet<string> s_subResources = new(StringComparer.Ordinal)
    {
        "acl", "append", "bucketInfo", "callback", "callback-var", "cleanRestoredObject", "cloudboxes",
        "continuation-token", "delete", "location", "objectMeta", "partNumber", "position", "regionList",
        "resourceGroup", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "response-content-language", "response-content-type", "response-expires", "restore", "security-token",
        "sequential", "stat", "symlink", "tagging", "uploadId", "uploads", "versionId", "versioning", "versions",
    };

    /// <summary>True when a query parameter is a signed sub-resource (<c>uploads</c>, <c>uploadId</c>, <c>x-oss-*</c>, ...).</summary>
    public static bool IsSubResource(string name)
        => s_subResources.Contains(name) || name.StartsWith("x-oss-", StringComparison.Ordinal);

    /// <summary>Builds the string to sign of a request as received; <paramref name="dateLine"/> is the Date header or the presign Expires.</summary>
    public static string BuildStringToSign(SignedRequestView request, string dateLine)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method).Append('\n')
            .Append(request.GetHeader("Content-MD5")).Append('\n')
            .Append(request.GetHeader("Content-Type")).Append('\n')
            .Append(dateLine).Append('\n');
        AppendOssHeaders(sb, request.Headers);
        AppendResource(sb, request);
        return sb.ToString();
    }

    public static string Compute(string secret, string stringToSign)
        => Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Every <c>x-oss-*</c> header as <c>name:value\n</c>, name lower-cased, value trimmed, sorted by name.</summary>
    private static void AppendOssHeaders(StringBuilder sb, IReadOnlyDictionary<string, string> headers)
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in headers)
        {
            if (name.StartsWith("x-oss-", StringComparison.OrdinalIgnoreCase))
            {
                lines[name.ToLowerInvariant()] = value.Trim();
            }
        }

        foreach ((string name, string value) in lines)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    /// <summary><c>/bucket/key</c> with the raw (decoded) key, then <c>?name=value&amp;name</c> for the sub-resources, sorted.</summary>
    private static void AppendResource(StringBuilder sb, SignedRequestView request)
    {
        sb.Append('/');
        if (!string.IsNullOrEmpty(request.Bucket))
        {
            sb.Append(request.Bucket).Append('/').Append(request.Key);
        }

        List<KeyValuePair<string, string>> signed = request.Query.Where(p => IsSubResource(p.Key)).ToList();
        signed.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 0; i < signed.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(signed[i].Key);
            if (signed[i].Value.Length > 0)
            {
                sb.Append('=').Append(signed[i].Value);
            }
        }
    }
}
