using System.Net;

namespace Oss.ResumableUpload.Testing;

/// <summary>The bucket, key and query of a request, decoded from the raw request target and the Host header.</summary>
internal sealed class OssRequestTarget
{
    private OssRequestTarget(string? bucket, string? key, List<KeyValuePair<string, string>> query)
    {
        Bucket = bucket;
        Key = key;
        Query = query;
    }

    /// <summary>Gets the bucket, or null for a request to the service root.</summary>
    public string? Bucket { get; }

    /// <summary>Gets the decoded object key, or null for a bucket or service request.</summary>
    public string? Key { get; }

    /// <summary>Gets the decoded query parameters in wire order; a parameter without <c>=</c> has an empty value.</summary>
    public List<KeyValuePair<string, string>> Query { get; }

    public bool Has(string name) => Get(name) is not null;

    public string? Get(string name)
    {
        foreach (KeyValuePair<string, string> parameter in Query)
        {
            if (string.Equals(parameter.Key, name, StringComparison.Ordinal))
            {
                return parameter.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses <c>/bucket/key?query</c> (path style). A Host of the form <c>bucket.localhost</c>, or an OSS service host
    /// such as <c>bucket.oss-cn-hangzhou.aliyuncs.com</c> (which SDKs send when they build the host from a region),
    /// selects virtual-hosted style, where the whole path is the key.
    /// </summary>
    public static OssRequestTarget Parse(string rawTarget, string? host)
    {
        int question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string rawPath = question < 0 ? rawTarget : rawTarget[..question];
        string rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        if (rawPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form request target (proxies): keep only the path.
            if (!Uri.TryCreate(rawPath, UriKind.Absolute, out Uri? absolute))
            {
                return new OssRequestTarget(null, null, []);
            }

            host = absolute.Authority;
            rawPath = absolute.AbsolutePath;
        }

        List<KeyValuePair<string, string>> query = ParseQuery(rawQuery);
        string path = rawPath.StartsWith('/') ? rawPath[1..] : rawPath;

        string? virtualBucket = GetVirtualHostedBucket(host);
        if (virtualBucket is not null)
        {
            return new OssRequestTarget(virtualBucket, path.Length == 0 ? null : Decode(path, plusIsSpace: false), query);
        }

        if (path.Length == 0)
        {
            return new OssRequestTarget(null, null, query);
        }

        int slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new OssRequestTarget(Decode(path, plusIsSpace: false), null, query);
        }

        string bucket = Decode(path[..slash], plusIsSpace: false);
        string rest = path[(slash + 1)..];
        return new OssRequestTarget(bucket, rest.Length == 0 ? null : Decode(rest, plusIsSpace: false), query);
    }

    private static string? GetVirtualHostedBucket(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        string name = host;
        if (name.StartsWith('['))
        {
            return null; // IPv6 literal
        }

        int colon = name.LastIndexOf(':');
        if (colon >= 0)
        {
            name = name[..colon];
        }

        if (IPAddress.TryParse(name, out _))
        {
            return null;
        }

        const string Suffix = ".localhost";
        if (name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && name.Length > Suffix.Length)
        {
            return name[..^Suffix.Length].ToLowerInvariant();
        }

        // bucket.oss-<region>[-internal].aliyuncs.com, bucket.oss.aliyuncs.com, ...
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && name.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)
            && name.AsSpan(dot + 1).StartsWith("oss", StringComparison.OrdinalIgnoreCase))
        {
            return name[..dot].ToLowerInvariant();
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var query = new List<KeyValuePair<string, string>>();
        foreach (string pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            query.Add(new(Decode(name, plusIsSpace: true), Decode(value, plusIsSpace: true)));
        }

        return query;
    }

    /// <summary>Percent-decodes UTF-8; in a query <c>+</c> is a space, as OSS's canonical query treats it.</summary>
    internal static string Decode(string value, bool plusIsSpace)
    {
        if (plusIsSpace && value.Contains('+', StringComparison.Ordinal))
        {
            value = value.Replace('+', ' ');
        }

        return value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
    }
}
