using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Verifies OSS V1 and V4 signatures, in the Authorization header or in a presigned URL, by rebuilding the
/// string to sign from the request as received and recomputing the signature with the server's own
/// <see cref="V1Signature"/> and <see cref="V4Signature"/>, which share no code with the client's signers.
/// </summary>
internal sealed class RequestAuthenticator
{
    private const string V1Prefix = "OSS ";
    private readonly Dictionary<string, OssTestCredential> _credentials;
    private readonly string _region;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxSkew;

    public RequestAuthenticator(IEnumerable<OssTestCredential> credentials, string region, TimeProvider time, TimeSpan maxSkew)
    {
        _credentials = new Dictionary<string, OssTestCredential>(StringComparer.Ordinal);
        foreach (OssTestCredential credential in credentials)
        {
            _credentials[credential.AccessKeyId] = credential;
        }

        _region = region;
        _time = time;
        _maxSkew = maxSkew;
    }

    /// <summary>Checks the request; returns null when it is properly signed, or the error OSS would send.</summary>
    public OssError? Authenticate(SignedRequestView request)
    {
        string? authorization = request.GetHeader("Authorization");
        if (!string.IsNullOrEmpty(authorization))
        {
            if (authorization.StartsWith(V4Signature.Algorithm + " ", StringComparison.Ordinal))
            {
                return VerifyV4Header(request, authorization);
            }

            if (authorization.StartsWith(V1Prefix, StringComparison.Ordinal))
            {
                return VerifyV1Header(request, authorization);
            }

            return OssError.InvalidArgument("Authorization header is invalid.", "Authorization", authorization);
        }

        if (request.GetQuery("x-oss-signature-version") is not null)
        {
            return VerifyV4Query(request);
        }

        if (request.GetQuery("OSSAccessKeyId") is not null || request.GetQuery("Signature") is not null)
        {
            return VerifyV1Query(request);
        }

        return OssError.AccessDenied("You have no right to access this object because of bucket acl.");
    }

    private OssError? VerifyV1Header(SignedRequestView request, string authorization)
    {
        string credential = authorization[V1Prefix.Length..].Trim();
        int colon = credential.LastIndexOf(':');
        if (colon <= 0)
        {
            return OssError.InvalidArgument("Authorization header is invalid.", "Authorization", authorization);
        }

        string accessKeyId = credential[..colon];
        string provided = credential[(colon + 1)..];
        if (CheckKeyAndToken(accessKeyId, request.GetHeader("x-oss-security-token"), out OssTestCredential? key) is { } keyError)
        {
            return keyError;
        }

        string? date = request.GetHeader("Date");
        if (!TryParseHttpDate(date, out DateTimeOffset requestTime) && !TryParseHttpDate(request.GetHeader("x-oss-date"), out requestTime))
        {
            return OssError.AccessDenied("OSS authentication requires a valid Date.");
        }

        if (CheckSkew(requestTime) is { } skewError)
        {
            return skewError;
        }

        // Without a Date header the Date line of the string to sign carries x-oss-date, as the official SDKs that send
        // only x-oss-date (ali-oss, for one) sign it.
        string stringToSign = V1Signature.BuildStringToSign(request, date ?? request.GetHeader("x-oss-date") ?? string.Empty);
        string expected = V1Signature.Compute(key!.AccessKeySecret, stringToSign);
        return FixedTimeEquals(expected, provided) ? null : SignatureDoesNotMatch(accessKeyId, provided, stringToSign, canonicalRequest: null);
    }

    private OssError? VerifyV1Query(SignedRequestView request)
    {
        string accessKeyId = request.GetQuery("OSSAccessKeyId") ?? string.Empty;
        string provided = request.GetQuery("Signature") ?? string.Empty;
        string expires = request.GetQuery("Expires") ?? string.Empty;
        if (accessKeyId.Length == 0 || provided.Length == 0 || expires.Length == 0)
        {
            return OssError.AccessDenied("A presigned URL needs OSSAccessKeyId, Expires and Signature.");
        }

        if (CheckKeyAndToken(accessKeyId, request.GetQuery("security-token"), out OssTestCredential? key) is { } keyError)
        {
            return keyError;
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresUnix))
        {
            return OssError.AccessDenied("Expires is invalid.");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expiresUnix) < _time.GetUtcNow())
        {
            return OssError.AccessDenied("Request has expired.").With("Expires", expires);
        }

        string stringToSign = V1Signature.BuildStringToSign(request, expires);
        string expected = V1Signature.Compute(key!.AccessKeySecret, stringToSign);
        return FixedTimeEquals(expected, provided) ? null : SignatureDoesNotMatch(accessKeyId, provided, stringToSign, canonicalRequest: null);
    }

    private OssError? VerifyV4Header(SignedRequestView request, string authorization)
    {
        if (!V4AuthorizationHeader.TryParse(authorization, out V4AuthorizationHeader? parsed))
        {
            return OssError.InvalidArgument("Authorization header is invalid.", "Authorization", authorization);
        }

        if (CheckKeyAndToken(parsed.AccessKeyId, request.GetHeader("x-oss-security-token"), out OssTestCredential? key) is { } keyError)
        {
            return keyError;
        }

        string? xOssDate = request.GetHeader("x-oss-date");
        if (!TryParseV4Date(xOssDate, out DateTimeOffset requestTime))
        {
            return OssError.AccessDenied("OSS V4 authentication requires a valid x-oss-date header (yyyyMMdd'T'HHmmss'Z').");
        }

        if (CheckScope(parsed.Scope, xOssDate!) is { } scopeError)
        {
            return scopeError;
        }

        if (CheckSkew(requestTime) is { } skewError)
        {
            return skewError;
        }

        string payload = request.GetHeader("x-oss-content-sha256") ?? V4Signature.UnsignedPayload;
        if (payload != V4Signature.UnsignedPayload)
        {
            return OssError.InvalidArgument("x-oss-content-sha256 must be UNSIGNED-PAYLOAD.", "x-oss-content-sha256", payload, "0002-00000214");
        }

        return VerifyV4(request, request.Query, parsed.AccessKeyId, key!, xOssDate!, parsed.AdditionalHeaders, payload, parsed.Signature);
    }

    private OssError? VerifyV4Query(SignedRequestView request)
    {
        string version = request.GetQuery("x-oss-signature-version") ?? string.Empty;
        string credential = request.GetQuery("x-oss-credential") ?? string.Empty;
        string xOssDate = request.GetQuery("x-oss-date") ?? string.Empty;
        string expires = request.GetQuery("x-oss-expires") ?? string.Empty;
        string provided = request.GetQuery("x-oss-signature") ?? string.Empty;
        if (version != V4Signature.Algorithm || credential.Length == 0 || provided.Length == 0)
        {
            return OssError.AccessDenied("A presigned V4 URL needs x-oss-signature-version=OSS4-HMAC-SHA256, x-oss-credential and x-oss-signature.");
        }

        int slash = credential.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return OssError.InvalidArgument("x-oss-credential is invalid.", "x-oss-credential", credential);
        }

        string accessKeyId = credential[..slash];
        if (CheckKeyAndToken(accessKeyId, request.GetQuery("x-oss-security-token"), out OssTestCredential? key) is { } keyError)
        {
            return keyError;
        }

        if (!TryParseV4Date(xOssDate, out DateTimeOffset signedAt))
        {
            return OssError.AccessDenied("x-oss-date is invalid.");
        }

        if (CheckScope(credential[(slash + 1)..], xOssDate) is { } scopeError)
        {
            return scopeError;
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresSeconds) || expiresSeconds > 604_800)
        {
            return OssError.InvalidArgument("x-oss-expires must be an integer between 1 and 604800.", "x-oss-expires", expires);
        }

        if (signedAt.AddSeconds(expiresSeconds) < _time.GetUtcNow())
        {
            return OssError.AccessDenied("Request has expired.");
        }

        var query = new List<KeyValuePair<string, string>>(request.Query.Count);
        foreach (KeyValuePair<string, string> parameter in request.Query)
        {
            if (parameter.Key != "x-oss-signature")
            {
                query.Add(parameter);
            }
        }

        string[] additional = (request.GetQuery("x-oss-additional-headers") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries);
        return VerifyV4(request, query, accessKeyId, key!, xOssDate, additional, V4Signature.UnsignedPayload, provided);
    }

    private OssError? VerifyV4(SignedRequestView request, IReadOnlyList<KeyValuePair<string, string>> query, string accessKeyId, OssTestCredential key, string xOssDate, IReadOnlyList<string> additionalHeaders, string payload, string provided)
    {
        List<string> additional = V4Signature.SelectAdditionalHeaders(request, additionalHeaders);
        string date = xOssDate[..8];
        string canonicalRequest = V4Signature.BuildCanonicalRequest(request, query, additional, payload);
        string stringToSign = V4Signature.BuildStringToSign(xOssDate, V4Signature.Scope(date, _region), canonicalRequest);
        string expected = V4Signature.Compute(key.AccessKeySecret, date, _region, stringToSign);
        return FixedTimeEquals(expected, provided) ? null : SignatureDoesNotMatch(accessKeyId, provided, stringToSign, canonicalRequest);
    }

    private OssError? CheckKeyAndToken(string accessKeyId, string? securityToken, out OssTestCredential? credential)
    {
        if (!_credentials.TryGetValue(accessKeyId, out credential))
        {
            return OssError.InvalidAccessKeyId(accessKeyId);
        }

        string expected = credential.SecurityToken ?? string.Empty;
        string provided = securityToken ?? string.Empty;
        return FixedTimeEquals(expected, provided) ? null : OssError.InvalidSecurityToken();
    }

    private OssError? CheckScope(string scope, string xOssDate)
    {
        // date/region/product/aliyun_v4_request
        string[] parts = scope.Split('/');
        if (parts.Length != 4 || parts[3] != V4Signature.Terminator)
        {
            return OssError.InvalidArgument("The credential scope is invalid; expected date/region/oss/aliyun_v4_request.", "Credential", scope);
        }

        if (parts[1] != _region)
        {
            return new OssError(403, "SignatureDoesNotMatch", $"Invalid signing region in Authorization header: the request is signed for '{parts[1]}' but this server's region is '{_region}'.")
                .With("SigningRegion", parts[1]).With("ExpectedRegion", _region);
        }

        if (parts[2] != V4Signature.Product)
        {
            return new OssError(403, "SignatureDoesNotMatch", $"Invalid signing product in Authorization header: '{parts[2]}' (expected 'oss').");
        }

        if (!xOssDate.StartsWith(parts[0], StringComparison.Ordinal) || parts[0].Length != 8)
        {
            return new OssError(403, "SignatureDoesNotMatch", $"The date of the credential scope ({parts[0]}) is not the date of x-oss-date ({xOssDate}).");
        }

        return null;
    }

    private OssError? CheckSkew(DateTimeOffset requestTime)
    {
        DateTimeOffset now = _time.GetUtcNow();
        return (requestTime - now).Duration() > _maxSkew ? OssError.RequestTimeTooSkewed(requestTime, now, _maxSkew) : null;
    }

    private static OssError SignatureDoesNotMatch(string accessKeyId, string provided, string stringToSign, string? canonicalRequest)
    {
        var error = new OssError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
            .With("OSSAccessKeyId", accessKeyId)
            .With("SignatureProvided", provided)
            .With("StringToSign", stringToSign)
            .With("StringToSignBytes", ToSpacedHex(Encoding.UTF8.GetBytes(stringToSign)));
        if (canonicalRequest is not null)
        {
            error.With("CanonicalRequest", canonicalRequest);
        }

        return error;
    }

    private static string ToSpacedHex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static bool FixedTimeEquals(string expected, string provided)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(provided));

    internal static bool TryParseHttpDate(string? value, out DateTimeOffset result)
        => DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out result);

    private static bool TryParseV4Date(string? value, out DateTimeOffset result)
        => DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
}
