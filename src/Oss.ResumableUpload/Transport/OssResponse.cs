using System.Net.Http.Headers;

namespace Oss.ResumableUpload.Transport;

/// <summary>A reply whose body was read up to <see cref="OssClientSettings.MaxResponseBodySize"/> (OSS replies to multipart operations are small).</summary>
internal sealed class OssResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, byte[] body)
{
    public int StatusCode { get; } = statusCode;

    public byte[] Body { get; } = body;

    public string? RequestId => GetHeader("x-oss-request-id");

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

    public ulong? Crc64
        => GetHeader("x-oss-hash-crc64ecma") is { } value && ulong.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong crc) ? crc : null;
}
