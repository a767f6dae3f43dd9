namespace Oss.ResumableUpload.Signing;

/// <summary>
/// What V4 derives from the secret, the day, the region and the product, and from the access key id: the signing key,
/// the credential scope and the <c>OSS4-HMAC-SHA256 Credential=AK/scope</c> prefix. It changes once a day, so each
/// thread keeps its last one instead of four HMACs and three strings per request.
/// </summary>
internal sealed class V4SigningKeyCache
{
    [ThreadStatic]
    private static V4SigningKeyCache? s_ofThread;

    private readonly string _secret;
    private readonly string _region;
    private readonly string _product;
    private readonly string _accessKeyId;

    private V4SigningKeyCache(string accessKeyId, string secret, string date, string region, string product)
    {
        _accessKeyId = accessKeyId;
        _secret = secret;
        Date = date;
        _region = region;
        _product = product;
        Key = OssV4Signer.DeriveSigningKey(secret, date, region, product);
        Scope = OssV4Signer.BuildScope(date, region, product);
        CredentialPrefix = OssV4Signer.Algorithm + " Credential=" + accessKeyId + "/" + Scope;
    }

    /// <summary>The day, <c>yyyyMMdd</c>.</summary>
    public string Date { get; }

    public byte[] Key { get; }

    /// <summary><c>date/region/product/aliyun_v4_request</c>.</summary>
    public string Scope { get; }

    /// <summary><c>OSS4-HMAC-SHA256 Credential=AK/scope</c>.</summary>
    public string CredentialPrefix { get; }

    /// <summary>This thread's entry for these inputs, derived anew when any of them changed.</summary>
    public static V4SigningKeyCache Get(string accessKeyId, string secret, ReadOnlySpan<char> date, string region, string product)
    {
        V4SigningKeyCache? cached = s_ofThread;
        if (cached is null || !cached.Matches(accessKeyId, secret, date, region, product))
        {
            cached = new V4SigningKeyCache(accessKeyId, secret, date.ToString(), region, product);
            s_ofThread = cached;
        }

        return cached;
    }

    private bool Matches(string accessKeyId, string secret, ReadOnlySpan<char> date, string region, string product)
        => date.SequenceEqual(Date)
           && string.Equals(_secret, secret, StringComparison.Ordinal)
           && string.Equals(_region, region, StringComparison.Ordinal)
           && string.Equals(_product, product, StringComparison.Ordinal)
           && string.Equals(_accessKeyId, accessKeyId, StringComparison.Ordinal);
}
