using System.Globalization;

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
            throw ProtocolViolation.Create(string.Create(CultureInfo.InvariantCulture, $"{source} is present but not a decimal CRC-64 (a value of {value.Length} characters)"), requestId);
        }

        return crc;
    }
}
