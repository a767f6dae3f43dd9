using System.Net.Http.Headers;

namespace Oss.ResumableUpload.Transport;

/// <summary>A reply whose body was read up to <see cref="ResolvedClientOptions.MaxResponseBodySize"/> (OSS replies to multipart operations are small).</summary>
internal sealed class OssResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, byte[] body)
{
    public int StatusCode { get; } = statusCode;

    public byte[] Body { get; } = body;

    /// <summary>The <c>x-oss-request-id</c>, sanitized: it goes into messages, logs and results.</summary>
    public string? RequestId => RequestIdOf(headers);

    public static string? RequestIdOf(HttpResponseHeaders headers)
        => headers.TryGetValues("x-oss-request-id", out IEnumerable<string>? values)
            ? ServerText.Clean(string.Join(",", values), ServerText.MaxIdLength)
            : null;

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
    public string? GetETag(string source) => GetHeader("ETag") is { } etag ? ReplyValues.CheckETag(etag, source, RequestId) : null;

    /// <summary>Reads <c>x-oss-hash-crc64ecma</c>: null when absent, InvalidResponse when present but malformed (or sent twice).</summary>
    public ulong? GetCrc64() => ReplyValues.ParseCrc64(GetHeader("x-oss-hash-crc64ecma"), "x-oss-hash-crc64ecma", RequestId);
}
