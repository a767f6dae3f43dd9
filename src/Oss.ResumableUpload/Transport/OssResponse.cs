using System.Net.Http.Headers;

namespace Oss.ResumableUpload.Transport;

/// <summary>A reply whose body was read up to <see cref="ResolvedClientOptions.MaxResponseBodySize"/> (OSS replies to multipart operations are small).</summary>
internal sealed class OssResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, byte[] body)
{
    public int StatusCode { get; } = statusCode;

    public byte[] Body { get; } = body;

    private string? _requestId;
    private bool _requestIdRead;

    /// <summary>The <c>x-oss-request-id</c>, sanitized: it goes into messages, logs and results. Read once.</summary>
    public string? RequestId
    {
        get
        {
            if (!_requestIdRead)
            {
                _requestId = RequestIdOf(headers);
                _requestIdRead = true;
            }

            return _requestId;
        }
    }

    public static string? RequestIdOf(HttpResponseHeaders headers)
        => RawHeader(headers, "x-oss-request-id") is { } value ? ServerText.Clean(value, ServerText.MaxIdLength) : null;

    /// <summary>
    /// A header that has no list syntax for HttpClient's parsers (ETag, the x-oss-* ones), as sent: several values
    /// joined by ",", as <see cref="GetHeader"/> joins them, but without parsing them into objects first.
    /// </summary>
    private static string? RawHeader(HttpHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            return null;
        }

        if (values.Count == 1)
        {
            foreach (string value in values)
            {
                return value;
            }
        }

        return string.Join(",", values);
    }

    public string? GetHeader(string name)
    {
        if (headers.TryGetValues(name, out IEnumerable<string>? values) || (contentHeaders is not null && contentHeaders.TryGetValues(name, out values)))
        {
            return string.Join(",", values);
        }

        return null;
    }

    public IEnumerable<KeyValuePair<string, IEnumerable<string>>> AllHeaders
        => contentHeaders is null ? headers : headers.Concat(contentHeaders);

    /// <summary>Reads the ETag header: null when absent, InvalidResponse when not a bounded visible-ASCII token.</summary>
    public string? GetETag(string source) => RawHeader(headers, "ETag") is { } etag ? ReplyValues.CheckETag(etag, source, RequestId) : null;

    /// <summary>Reads <c>x-oss-hash-crc64ecma</c>: null when absent, InvalidResponse when present but malformed (or sent twice).</summary>
    public ulong? GetCrc64() => ReplyValues.ParseCrc64(RawHeader(headers, "x-oss-hash-crc64ecma"), "x-oss-hash-crc64ecma", RequestId);
}
