using System.Globalization;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Parses and checks the values a reply carries that the library keeps or acts on. A value that is present but
/// malformed or out of range is <see cref="OssClientErrorCode.InvalidResponse"/>; only an absent value is "none".
/// </summary>
internal static class ReplyValues
{
    /// <summary>Reads a CRC-64 (<c>x-oss-hash-crc64ecma</c>, <c>&lt;HashCrc64ecma&gt;</c>): 1 to 20 decimal digits that fit a <see cref="ulong"/>.</summary>
    /// <returns>The CRC, or null when <paramref name="value"/> is null (absent).</returns>
    public static ulong? ParseCrc64(string? value, string source, string? requestId)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > 20
            || value.AsSpan().ContainsAnyExceptInRange('0', '9')
            || !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc))
        {
            throw ProtocolViolation.Create(string.Create(CultureInfo.InvariantCulture, $"{source} is present but not a decimal CRC-64: '{ServerText.Clean(value, ServerText.MaxQuotedLength)}'"), requestId);
        }

        return crc;
    }

    /// <summary>The largest clock-skew correction taken from a server's Date header.</summary>
    public static readonly TimeSpan MaxClockCorrection = TimeSpan.FromDays(7);

    /// <summary>Checks an ETag: 1 to <see cref="OssLimits.MaxETagLength"/> visible ASCII characters.</summary>
    public static string CheckETag(string etag, string source, string? requestId)
        => IsToken(etag, OssLimits.MaxETagLength) ? etag : throw NotToken(source, "ETag", etag, OssLimits.MaxETagLength, requestId);

    /// <summary>Checks an upload id: 1 to <see cref="OssLimits.MaxUploadIdLength"/> visible ASCII characters.</summary>
    public static string CheckUploadId(string uploadId, string source, string? requestId)
        => IsToken(uploadId, OssLimits.MaxUploadIdLength) ? uploadId : throw NotToken(source, "UploadId", uploadId, OssLimits.MaxUploadIdLength, requestId);

    /// <summary>Reads HeadObject's Content-Length, the object's size: required, decimal, non-negative.</summary>
    public static long ParseObjectLength(string? value, string? requestId)
        => value is { Length: > 0 and <= 19 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9') && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long length)
            ? length
            : throw ProtocolViolation.Create(
                value is null ? "the HeadObject reply has no Content-Length" : $"the HeadObject reply's Content-Length '{ServerText.Clean(value, ServerText.MaxQuotedLength)}' is not a non-negative number",
                requestId);

    /// <summary>Checks that an echoed bucket name or upload id, when present, is the one the request named.</summary>
    public static void CheckEcho(string? echoed, string expected, string element, string? requestId)
    {
        if (echoed is not null && !string.Equals(echoed, expected, StringComparison.Ordinal))
        {
            throw ProtocolViolation.Create($"the reply is about <{element}> '{ServerText.Clean(echoed, ServerText.MaxQuotedLength)}', not the '{expected}' the request named", requestId);
        }
    }

    /// <summary>
    /// Checks that an echoed object key, when present, is the request's. With encoding-type=url the echo is
    /// percent-encoded; a '+' for a space (form encoding) is accepted too.
    /// </summary>
    public static void CheckKeyEcho(string? echoed, bool urlEncoded, string expected, string? requestId)
    {
        if (echoed is null
            || string.Equals(echoed, expected, StringComparison.Ordinal)
            || (urlEncoded && (string.Equals(Uri.UnescapeDataString(echoed), expected, StringComparison.Ordinal)
                || string.Equals(Uri.UnescapeDataString(echoed.Replace('+', ' ')), expected, StringComparison.Ordinal))))
        {
            return;
        }

        throw ProtocolViolation.Create($"the reply is about <Key> '{ServerText.Clean(echoed, ServerText.MaxQuotedLength)}', not the object key the request named", requestId);
    }

    private static bool IsToken(string value, int maxLength)
        => value.Length is > 0 && value.Length <= maxLength && !value.AsSpan().ContainsAnyExceptInRange('!', '~');

    private static OssClientException NotToken(string source, string what, string value, int maxLength, string? requestId)
        => ProtocolViolation.Create(
            string.Create(CultureInfo.InvariantCulture, $"the {what} in {source} is not 1..{maxLength} visible ASCII characters ('{ServerText.Clean(value, ServerText.MaxQuotedLength)}', {value.Length} characters)"),
            requestId);
}
