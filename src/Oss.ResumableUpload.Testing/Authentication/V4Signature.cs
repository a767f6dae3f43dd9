using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// The server's own OSS V4 computation (the OSS API reference, "Signature version 4"): canonical request, string to sign, the
/// <c>aliyun_v4</c> signing key chain and the lower-hex HMAC-SHA256 signature.
/// </summary>
internal static class V4Signature
{
    public const string Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string Product = "oss";
    public const string Terminator = "aliyun_v4_request";

    public static string Scope(string date, string region) => date + "/" + region + "/" + Product + "/" + Terminator;

    /// <summary>
    /// The additional headers that take part in the signature: lower-cased, trimmed, de-duplicated and sorted, without
    /// the default-signed ones and without any the request does not carry with a value.
    /// </summary>
    public static List<string> SelectAdditionalHeaders(SignedRequestView request, IEnumerable<string> names)
    {
        var selected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string raw in names)
        {
            string name = raw.Trim().ToLowerInvariant();
            if (!IsSignedByDefault(name) && request.GetHeader(name) is { Length: > 0 })
            {
                selected.Add(name);
            }
        }

        return [.. selected];
    }

    /// <summary>
    /// VERB, canonical URI, canonical query, canonical headers, an empty line, the additional header names and the
    /// hashed payload, one per line. <paramref name="query"/> is the decoded query to sign (without <c>x-oss-signature</c>).
    /// </summary>
    public static string BuildCanonicalRequest(SignedRequestView request, IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<string> additionalHeaders, string hashedPayload)
    {
        var sb = new StringBuilder(512);
        sb.Append(request.Method).Append('\n');
        sb.Append(string.IsNullOrEmpty(request.Bucket) ? "/" : OssUrlEncoding.EscapePath("/" + request.Bucket + "/" + request.Key)).Append('\n');
        AppendQuery(sb, query);
        sb.Append('\n');
        AppendHeaders(sb, request.Headers, additionalHeaders);
        sb.Append('\n');
        sb.Append(string.Join(';', additionalHeaders)).Append('\n');
        sb.Append(hashedPayload);
        return sb.ToString();
    }

    public static string BuildStringToSign(string xOssDate, string scope, string canonicalRequest)
        => Algorithm + "\n" + xOssDate + "\n" + scope + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary>kDate = HMAC("aliyun_v4" + secret, date), then region, product and <c>aliyun_v4_request</c>.</summary>
    public static byte[] DeriveSigningKey(string secret, string date, string region)
    {
        byte[] key = Encoding.UTF8.GetBytes("aliyun_v4" + secret);
        foreach (string step in new[] { date, region, Product, Terminator })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }

        return key;
    }

    public static string Compute(string secret, string date, string region, string stringToSign)
        => Convert.ToHexStringLower(HMACSHA256.HashData(DeriveSigningKey(secret, date, region), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Every <c>x-oss-*</c> header, Content-Type and Content-MD5 are signed whether listed or not.</summary>
    private static bool IsSignedByDefault(string lowerName)
        => lowerName.StartsWith("x-oss-", StringComparison.Ordinal) || lowerName is "content-type" or "content-md5";

    /// <summary>Names and values percent-encoded, sorted by name (then value), <c>name</c> alone when the value is empty.</summary>
    private static void AppendQuery(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        List<(string Name, string Value)> encoded = query.Select(p => (OssUrlEncoding.EscapeQuery(p.Key), OssUrlEncoding.EscapeQuery(p.Value))).ToList();
        encoded.Sort(static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        for (int i = 0; i < encoded.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            sb.Append(encoded[i].Name);
            if (encoded[i].Value.Length > 0)
            {
                sb.Append('=').Append(encoded[i].Value);
            }
        }
    }

    /// <summary>One <c>name:value\n</c> line per signed header: lower-case name, trimmed value, sorted by name.</summary>
    private static void AppendHeaders(StringBuilder sb, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> additionalHeaders)
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in headers)
        {
            string lower = name.ToLowerInvariant();
            if (IsSignedByDefault(lower) || additionalHeaders.Contains(lower))
            {
                lines[lower] = value.Trim();
            }
        }

        foreach ((string name, string value) in lines)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }
}
