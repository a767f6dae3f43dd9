using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Signing;

/// <summary>Signature V4 (<c>OSS4-HMAC-SHA256</c>), PROTOCOL.md section 7.</summary>
internal static class OssV4Signer
{
    public const string Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DefaultProduct = "oss";

    /// <summary>Adds x-oss-date, Date, x-oss-content-sha256 (and the STS token) to <paramref name="input"/> and returns the Authorization value.</summary>
    public static string Sign(SigningInput input, OssCredentials credentials, DateTimeOffset signingTime, string region, string product = DefaultProduct)
    {
        DateTime utc = signingTime.UtcDateTime;
        string dateTime = FormatDateTime(utc);
        SigningInput.SetHeader(input.Headers, "x-oss-date", dateTime);
        SigningInput.SetHeader(input.Headers, "Date", utc.ToString("R", CultureInfo.InvariantCulture));
        SigningInput.SetHeader(input.Headers, "x-oss-content-sha256", UnsignedPayload);
        if (credentials.SecurityToken is not null)
        {
            SigningInput.SetHeader(input.Headers, "x-oss-security-token", credentials.SecurityToken);
        }

        return ComputeAuthorization(input, credentials.AccessKeyId, credentials.AccessKeySecret, dateTime, region, product);
    }

    /// <summary>Computes the Authorization value for a request whose headers (x-oss-date included) are already set.</summary>
    /// <remarks>The canonical request and the string to sign are built in stack buffers and hashed from there: one string, the result, is allocated.</remarks>
    public static string ComputeAuthorization(SigningInput input, string accessKeyId, string secret, string xOssDate, string region, string product = DefaultProduct)
    {
        V4SigningKeyCache keys = V4SigningKeyCache.Get(accessKeyId, secret, xOssDate.AsSpan(0, 8), region, product);
        IReadOnlyList<string> additional = GetAdditionalHeaders(input);
        string payload = Header(input.Headers, "x-oss-content-sha256") is { Length: > 0 } given ? given : UnsignedPayload;

        Span<byte> digest = stackalloc byte[32];
        var canonical = new CharBuilder(stackalloc char[1024]);
        try
        {
            V4CanonicalRequest.Append(ref canonical, input, additional, payload, input.Query);
            HashUtf8(canonical.AsSpan(), digest, key: default);
        }
        finally
        {
            canonical.Dispose();
        }

        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(digest, hex, out _);
        var stringToSign = new CharBuilder(stackalloc char[256]);
        try
        {
            AppendStringToSign(ref stringToSign, xOssDate, keys.Scope, hex);
            HashUtf8(stringToSign.AsSpan(), digest, keys.Key);
        }
        finally
        {
            stringToSign.Dispose();
        }

        Convert.TryToHexStringLower(digest, hex, out _);
        if (additional.Count == 0)
        {
            return string.Concat(keys.CredentialPrefix, ",Signature=", hex);
        }

        return keys.CredentialPrefix + ",AdditionalHeaders=" + string.Join(';', additional) + ",Signature=" + new string(hex);
    }

    /// <summary>Builds the query parameters of a presigned V4 URL, <c>x-oss-signature</c> included (values decoded).</summary>
    public static List<KeyValuePair<string, string>> Presign(SigningInput input, OssCredentials credentials, DateTimeOffset signingTime, TimeSpan expires, string region, string product = DefaultProduct)
    {
        string dateTime = FormatDateTime(signingTime.UtcDateTime);
        string date = dateTime[..8];
        string scope = BuildScope(date, region, product);
        IReadOnlyList<string> additional = GetAdditionalHeaders(input);

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
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(digest, hex, out _);
        var sb = new CharBuilder(stackalloc char[256]);
        try
        {
            AppendStringToSign(ref sb, xOssDate, scope, hex);
            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    public static string BuildCanonicalRequest(SigningInput input, IReadOnlyList<string> additionalHeaders, string hashedPayload, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var sb = new CharBuilder(stackalloc char[1024]);
        try
        {
            V4CanonicalRequest.Append(ref sb, input, additionalHeaders, hashedPayload, query);
            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    /// <summary><c>OSS4-HMAC-SHA256\n{x-oss-date}\n{scope}\n{hex SHA-256 of the canonical request}</c>.</summary>
    private static void AppendStringToSign(ref CharBuilder sb, string xOssDate, string scope, ReadOnlySpan<char> canonicalRequestHash)
    {
        sb.Append(Algorithm);
        sb.Append('\n');
        sb.Append(xOssDate);
        sb.Append('\n');
        sb.Append(scope);
        sb.Append('\n');
        sb.Append(canonicalRequestHash);
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
        // The access key id only names the cache entry's Authorization prefix, which is not used here.
        V4SigningKeyCache keys = V4SigningKeyCache.Get(string.Empty, secret, date, region, product);
        Span<byte> mac = stackalloc byte[32];
        HashUtf8(stringToSign, mac, keys.Key);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>SHA-256 (no key) or HMAC-SHA256 (with a key) of text's UTF-8 bytes, without allocating for short text.</summary>
    private static void HashUtf8(ReadOnlySpan<char> text, Span<byte> destination, ReadOnlySpan<byte> key)
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
    public static IReadOnlyList<string> GetAdditionalHeaders(SigningInput input)
    {
        if (input.AdditionalHeaders is not { Count: > 0 })
        {
            return [];
        }

        var names = new List<string>();
        foreach (string raw in input.AdditionalHeaders)
        {
            string name = raw.ToLowerInvariant();
            if (!V4CanonicalRequest.IsDefaultSigned(name) && !names.Contains(name) && input.Headers.TryGetValue(name, out string? value) && value.Length > 0)
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static string Header(IDictionary<string, string> headers, string name)
        => headers.TryGetValue(name, out string? value) ? value : string.Empty;
}
