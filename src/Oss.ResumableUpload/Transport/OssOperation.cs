using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// One OSS request, described independently of any attempt: it is signed and sent afresh on every retry. It refuses
/// (with <see cref="ArgumentException"/>) a key, query or header that could not go on the wire exactly, so that a
/// caller's value never reaches the network re-encoded or as an injected header; the public methods check the same
/// rules first, naming their parameter.
/// </summary>
internal sealed class OssOperation
{
    public OssOperation(string name, HttpMethod method, string? bucket, string? key)
    {
        OssHeaderRules.EnsureWellFormed(key, "The object key", paramName: null);
        Name = name;
        Method = method;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>The operation's name for logs and traces, for example <c>UploadPart</c>.</summary>
    public string Name { get; }

    public HttpMethod Method { get; }

    public string? Bucket { get; }

    public string? Key { get; }

    /// <summary>Decoded query parameters, in the order they go on the wire; an empty value writes the name alone.</summary>
    public List<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>Headers to send and sign (Content-Type and Content-MD5 included); names are case-insensitive, and a name or value HTTP cannot carry throws when set.</summary>
    public OssRequestHeaders Headers { get; } = new();

    public OssRequestBody? Body { get; set; }

    public Action<long>? BytesSentInAttempt { get; set; }

    /// <summary>True when the request carries x-oss-callback, so that a 203 reply is a CallbackFailed error.</summary>
    public bool HasCallback { get; set; }

    /// <summary>The part number, for logs; null for other operations.</summary>
    public int? PartNumber { get; set; }

    /// <exception cref="ArgumentException">The name or value has an unpaired surrogate, which UTF-8 would turn into U+FFFD.</exception>
    public OssOperation AddQuery(string name, string? value = null)
    {
        OssHeaderRules.EnsureWellFormed(name, "A query parameter name", paramName: null);
        if (value is not null && !OssHeaderRules.IsWellFormedUtf16(value))
        {
            // The message is built only for a bad value: every request adds query parameters.
            OssHeaderRules.EnsureWellFormed(value, $"The query parameter '{name}'", paramName: null);
        }
        Query.Add(new(name, value ?? string.Empty));
        return this;
    }

    public string EscapedKeyPath => Key is null ? string.Empty : OssUriEncoder.EscapePath(Key);

    public string BuildEscapedQuery()
    {
        if (Query.Count == 0)
        {
            return string.Empty;
        }

        var sb = new CharBuilder(stackalloc char[256]);
        try
        {
            foreach (KeyValuePair<string, string> parameter in Query)
            {
                if (sb.Length > 0)
                {
                    sb.Append('&');
                }

                OssUriEncoder.AppendEscaped(ref sb, parameter.Key, keepSlash: false);
                if (parameter.Value.Length > 0)
                {
                    sb.Append('=');
                    OssUriEncoder.AppendEscaped(ref sb, parameter.Value, keepSlash: false);
                }
            }

            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    /// <summary>The resource as messages show it, path-style: <c>/bucket/key?query</c>. It carries no secret.</summary>
    public string DescribeResource()
    {
        string query = BuildEscapedQuery();
        string path = "/" + (Bucket is null ? string.Empty : Bucket + "/") + EscapedKeyPath;
        return query.Length == 0 ? path : path + "?" + query;
    }
}
