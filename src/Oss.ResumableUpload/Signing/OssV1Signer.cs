using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Signing;

/// <summary>Signature V1: <c>Authorization: OSS AccessKeyId:base64(HMAC-SHA1(secret, StringToSign))</c>.</summary>
internal static class OssV1Signer
{
    /// <summary>Query parameters that are part of the CanonicalizedResource (besides any <c>x-oss-*</c> one).</summary>
    private static readonly HashSet<string> s_signedParameters = new(StringComparer.Ordinal)
    {
        "acl", "bucketInfo", "location", "stat", "delete", "append", "tagging", "objectMeta", "uploads", "uploadId",
        "partNumber", "security-token", "position", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "restore", "callback", "callback-var", "versions", "versioning", "versionId", "sequential",
        "continuation-token", "regionList", "cloudboxes", "symlink", "resourceGroup", "cleanRestoredObject",
    };

    public static bool IsSignedParameter(string name)
        => s_signedParameters.Contains(name) || name.StartsWith("x-oss-", StringComparison.Ordinal);

    /// <summary>Adds Date (and the STS token header) to <paramref name="input"/> and returns the Authorization value.</summary>
    public static string Sign(SigningInput input, OssCredentials credentials, DateTimeOffset signingTime)
    {
        string date = signingTime.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        SigningInput.SetHeader(input.Headers, "Date", date);
        if (credentials.SecurityToken is not null)
        {
            SigningInput.SetHeader(input.Headers, "x-oss-security-token", credentials.SecurityToken);
        }

        string stringToSign = BuildStringToSign(input, date);
        return "OSS " + credentials.AccessKeyId + ":" + ComputeSignature(credentials.AccessKeySecret, stringToSign);
    }

    /// <summary>Builds the query parameters of a presigned V1 URL, <c>Signature</c> included (values decoded).</summary>
    public static List<KeyValuePair<string, string>> Presign(SigningInput input, OssCredentials credentials, long expiresUnixSeconds)
    {
        var query = new List<KeyValuePair<string, string>>(input.Query);
        if (credentials.SecurityToken is not null)
        {
            query.Add(new("security-token", credentials.SecurityToken));
        }

        var withToken = new SigningInput
        {
            Method = input.Method,
            Bucket = input.Bucket,
            Key = input.Key,
            Query = query,
            Headers = input.Headers,
        };
        string expires = expiresUnixSeconds.ToString(CultureInfo.InvariantCulture);
        string signature = ComputeSignature(credentials.AccessKeySecret, BuildStringToSign(withToken, expires));
        query.Add(new("Expires", expires));
        query.Add(new("OSSAccessKeyId", credentials.AccessKeyId));
        query.Add(new("Signature", signature));
        return query;
    }

    /// <summary>VERB, Content-MD5, Content-Type, Date (or Expires), CanonicalizedOSSHeaders and CanonicalizedResource.</summary>
    public static string BuildStringToSign(SigningInput input, string dateOrExpires)
    {
        var sb = new StringBuilder(256);
        sb.Append(input.Method).Append('\n');
        sb.Append(Header(input.Headers, "Content-MD5")).Append('\n');
        sb.Append(Header(input.Headers, "Content-Type")).Append('\n');
        sb.Append(dateOrExpires).Append('\n');

        var ossHeaders = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> header in input.Headers)
        {
            string name = header.Key.ToLowerInvariant();
            if (name.StartsWith("x-oss-", StringComparison.Ordinal))
            {
                ossHeaders.Add(new(name, header.Value.Trim()));
            }
        }

        ossHeaders.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (KeyValuePair<string, string> header in ossHeaders)
        {
            sb.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        AppendCanonicalizedResource(sb, input.Bucket, input.Key, input.Query);
        return sb.ToString();
    }

    public static string ComputeSignature(string secret, string stringToSign)
    {
        byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    private static void AppendCanonicalizedResource(StringBuilder sb, string? bucket, string? key, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        sb.Append('/');
        if (!string.IsNullOrEmpty(bucket))
        {
            sb.Append(bucket).Append('/');
            if (!string.IsNullOrEmpty(key))
            {
                sb.Append(key);
            }
        }

        var signed = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> parameter in query)
        {
            if (IsSignedParameter(parameter.Key))
            {
                signed.Add(parameter);
            }
        }

        if (signed.Count == 0)
        {
            return;
        }

        signed.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        char separator = '?';
        foreach (KeyValuePair<string, string> parameter in signed)
        {
            sb.Append(separator).Append(parameter.Key);
            if (!string.IsNullOrEmpty(parameter.Value))
            {
                sb.Append('=').Append(parameter.Value);
            }

            separator = '&';
        }
    }

    private static string Header(IDictionary<string, string> headers, string name)
        => headers.TryGetValue(name, out string? value) ? value : string.Empty;
}
