using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Signing;

/// <summary>Signature V4 (<c>OSS4-HMAC-SHA256</c>), PROTOCOL.md section 7.</summary>
internal static class OssV4Signer
{
    [ThreadStatic]
    private static SigningKeyCache? s_signingKeyOfThread;

    public const string Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DefaultProduct = "oss";

    /// <summary>Adds x-oss-date, Date, x-oss-content-sha256 (and the STS token) to <paramref name="input"/> and returns the Authorization value.</summary>
    public static string Sign(SigningInput input, OssCredentials credentials, DateTimeOffset signingTime, string region, string product = DefaultProduct)
    {
        DateTime utc = signingTime.UtcDateTime;
        string dateTime = FormatDateTime(utc);
        input.Headers["x-oss-date"] = dateTime;
        input.Headers["Date"] = utc.ToString("R", CultureInfo.InvariantCulture);
        input.Headers["x-oss-content-sha256"] = UnsignedPayload;
        if (credentials.SecurityToken is not null)
        {
            input.Headers["x-oss-security-token"] = credentials.SecurityToken;
        }

        return ComputeAuthorization(input, credentials.AccessKeyId, credentials.AccessKeySecret, dateTime, region, product);
    }

    /// <summary>Computes the Authorization value for a request whose headers (x-oss-date included) are already set.</summary>
    public static string ComputeAuthorization(SigningInput input, string accessKeyId, string secret, string xOssDate, string region, string product = DefaultProduct)
    {
        string date = xOssDate[..8];
        string scope = BuildScope(date, region, product);
        List<string> additional = GetAdditionalHeaders(input);
        string canonicalRequest = BuildCanonicalRequest(input, additional, Header(input.Headers, "x-oss-content-sha256") is { Length: > 0 } payload ? payload : UnsignedPayload, input.Query);
        string stringToSign = BuildStringToSign(xOssDate, scope, canonicalRequest);
        string signature = ComputeSignature(secret, date, region, product, stringToSign);

        var sb = new StringBuilder(160);
        sb.Append(Algorithm).Append(" Credential=").Append(accessKeyId).Append('/').Append(scope);
        if (additional.Count > 0)
        {
            sb.Append(",AdditionalHeaders=").Append(string.Join(';', additional));
        }

        sb.Append(",Signature=").Append(signature);
        return sb.ToString();
    }

    /// <summary>Builds the query parameters of a presigned V4 URL, <c>x-oss-signature</c> included (values decoded).</summary>
    public static List<KeyValuePair<string, string>> Presign(SigningInput input, OssCredentials credentials, DateTimeOffset signingTime, TimeSpan expires, string region, string product = DefaultProduct)
    {
        string dateTime = FormatDateTime(signingTime.UtcDateTime);
        string date = dateTime[..8];
        string scope = BuildScope(date, region, product);
        List<string> additional = GetAdditionalHeaders(input);

        var query = new List<KeyValuePair<string, string>>(input.Query)
        {
            new("x-oss-signature-version", Algorithm),
            new("x-oss-date", dateTime),
            new("x-oss-expires", ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new("x-oss-credential", credentials.AccessKeyId + "/" + scope),
        };
        if (additional.Count > 0)
        {
            query.Add(new("x-oss-additional-headers", string.Join(';', additional)));
        }

        if (credentials.SecurityToken is not null)
        {
            query.Add(new("x-oss-security-token", credentials.SecurityToken));
        }

        string canonicalRequest = BuildCanonicalRequest(input, additional, UnsignedPayload, query);
        string signature = ComputeSignature(credentials.AccessKeySecret, date, region, product, BuildStringToSign(dateTime, scope, canonicalRequest));
        query.Add(new("x-oss-signature", signature));
        return query;
    }

    public static string FormatDateTime(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string BuildScope(string date, string region, string product) => date + "/" + region + "/" + product + "/aliyun_v4_request";

    public static string BuildStringToSign(string xOssDate, string scope, string canonicalRequest)
    {
        Span<byte> digest = stackalloc byte[32];
        HashUtf8(canonicalRequest, digest, key: default);
        string hash = Convert.ToHexStringLower(digest);
        return Algorithm + "\n" + xOssDate + "\n" + scope + "\n" + hash;
    }

    public static string BuildCanonicalRequest(SigningInput input, IReadOnlyList<string> additionalHeaders, string hashedPayload, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder(512);
        sb.Append(input.Method).Append('\n');

        // Canonical URI.
        if (string.IsNullOrEmpty(input.Bucket))
        {
            sb.Append('/');
        }
        else
        {
            sb.Append(OssUriEncoder.EscapePath("/" + input.Bucket + "/" + (input.Key ?? string.Empty)));
        }

        sb.Append('\n');

        // Canonical query: encoded names and values, sorted by encoded name.
        var encoded = new List<KeyValuePair<string, string>>(query.Count);
        foreach (KeyValuePair<string, string> parameter in query)
        {
            encoded.Add(new(OssUriEncoder.EscapeQuery(parameter.Key), OssUriEncoder.EscapeQuery(parameter.Value ?? string.Empty)));
        }

        encoded.Sort(static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        for (int i = 0; i < encoded.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            sb.Append(encoded[i].Key);
            if (encoded[i].Value.Length > 0)
            {
                sb.Append('=').Append(encoded[i].Value);
            }
        }

        sb.Append('\n');

        // Canonical headers: x-oss-*, content-type, content-md5 and the additional headers.
        var signed = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> header in input.Headers)
        {
            string name = header.Key.ToLowerInvariant();
            if (IsDefaultSigned(name) || Contains(additionalHeaders, name))
            {
                signed.Add(new(name, header.Value.Trim()));
            }
        }

        signed.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (KeyValuePair<string, string> header in signed)
        {
            sb.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        sb.Append('\n');
        sb.Append(string.Join(';', additionalHeaders)).Append('\n');
        sb.Append(hashedPayload);
        return sb.ToString();
    }

    public static byte[] DeriveSigningKey(string secret, string date, string region, string product)
    {
        byte[] kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("aliyun_v4" + secret), Encoding.UTF8.GetBytes(date));
        byte[] kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        byte[] kProduct = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(product));
        return HMACSHA256.HashData(kProduct, "aliyun_v4_request"u8);
    }

    /// <summary>The lower-hex HMAC-SHA256 of the string to sign with the signing key of that day, region and product.</summary>
    public static string ComputeSignature(string secret, string date, string region, string product, string stringToSign)
    {
        // The signing key depends only on the secret, the day, the region and the product: derive it once per
        // day and thread instead of four HMACs per request.
        SigningKeyCache? cached = s_signingKeyOfThread;
        if (cached is null || !cached.Matches(secret, date, region, product))
        {
            cached = new SigningKeyCache(secret, date, region, product, DeriveSigningKey(secret, date, region, product));
            s_signingKeyOfThread = cached;
        }

        Span<byte> mac = stackalloc byte[32];
        HashUtf8(stringToSign, mac, cached.Key);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>SHA-256 (no key) or HMAC-SHA256 (with a key) of a string's UTF-8 bytes, without allocating for short strings.</summary>
    private static void HashUtf8(string text, Span<byte> destination, ReadOnlySpan<byte> key)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 2048 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[2048];
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            if (key.IsEmpty)
            {
                SHA256.HashData(buffer[..length], destination);
            }
            else
            {
                HMACSHA256.HashData(key, buffer[..length], destination);
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The additional header names that are signed: lower-cased, sorted, present with a value, and not already signed by default.</summary>
    public static List<string> GetAdditionalHeaders(SigningInput input)
    {
        var names = new List<string>();
        if (input.AdditionalHeaders is null)
        {
            return names;
        }

        foreach (string raw in input.AdditionalHeaders)
        {
            string name = raw.ToLowerInvariant();
            if (!IsDefaultSigned(name) && !names.Contains(name) && input.Headers.TryGetValue(name, out string? value) && value.Length > 0)
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static bool IsDefaultSigned(string lowerName)
        => lowerName.StartsWith("x-oss-", StringComparison.Ordinal) || lowerName is "content-type" or "content-md5";

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (string candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string Header(IDictionary<string, string> headers, string name)
        => headers.TryGetValue(name, out string? value) ? value : string.Empty;

    /// <summary>The last signing key derived on this thread and what it was derived from.</summary>
    private sealed class SigningKeyCache(string secret, string date, string region, string product, byte[] key)
    {
        public byte[] Key { get; } = key;

        public bool Matches(string secretToMatch, string dateToMatch, string regionToMatch, string productToMatch)
            => string.Equals(secret, secretToMatch, StringComparison.Ordinal)
               && string.Equals(date, dateToMatch, StringComparison.Ordinal)
               && string.Equals(region, regionToMatch, StringComparison.Ordinal)
               && string.Equals(product, productToMatch, StringComparison.Ordinal);
    }
}
