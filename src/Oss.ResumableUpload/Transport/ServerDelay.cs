using System.Globalization;
using System.Net.Http.Headers;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Reads the delay a throttled reply asks for: <c>x-oss-qos-delay-time</c> (milliseconds), else <c>Retry-After</c>
/// (seconds or an HTTP date). The value is the server's, so it is clamped to <see cref="OssClientOptions.MaxRetryDelay"/>
/// and may be any string: a number too large for a <see cref="TimeSpan"/> is the maximum, a value that is not a
/// number or date is ignored, and a date in the past is no delay.
/// </summary>
internal static class ServerDelay
{
    /// <param name="headers">The reply's headers.</param>
    /// <param name="now">The corrected current time, for a Retry-After date when the reply has no Date.</param>
    /// <param name="max">The longest delay to return.</param>
    /// <returns>The delay, at most <paramref name="max"/>; null when the reply asks for none.</returns>
    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now, TimeSpan max)
    {
        if (First(headers, "x-oss-qos-delay-time") is { } qos && TryReadCount(qos, out ulong milliseconds))
        {
            return milliseconds >= (ulong)max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(milliseconds);
        }

        if (First(headers, "Retry-After") is not { } retryAfter)
        {
            return null;
        }

        if (TryReadCount(retryAfter, out ulong seconds))
        {
            return seconds >= (ulong)max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
        {
            // Both dates lie in 0001..9999, so the difference cannot overflow.
            TimeSpan wait = date - (headers.Date ?? now);
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
        }

        return null;
    }

    private static string? First(HttpResponseHeaders headers, string name)
        => headers.NonValidated.TryGetValues(name, out HeaderStringValues values) ? values.FirstOrDefault()?.Trim() : null;

    /// <summary>Reads a count of ASCII digits; one too large for a <see cref="ulong"/> is <see cref="ulong.MaxValue"/>.</summary>
    private static bool TryReadCount(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = ulong.MaxValue;
        }

        return true;
    }
}
