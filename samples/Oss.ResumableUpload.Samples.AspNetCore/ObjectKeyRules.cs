using System.Text;

namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>
/// Which object keys the endpoint accepts from a caller. Stricter than OSS (which takes almost any UTF-8): a key from
/// a URL must not be able to name something other than what it looks like.
/// </summary>
internal static class ObjectKeyRules
{
    /// <summary>OSS's limit on a key, in bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 1023;

    /// <summary>Returns <see langword="null"/> when <paramref name="key"/> is acceptable, else why not.</summary>
    public static string? Check(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The object key is empty.";
        }

        if (key[0] is '/' or '\\')
        {
            return "The object key must not start with '/' or '\\'.";
        }

        foreach (Rune rune in key.EnumerateRunes())
        {
            // A lone surrogate enumerates as U+FFFD, as does a replacement character from undecodable percent-escapes.
            if (Rune.IsControl(rune) || rune == Rune.ReplacementChar || rune.Value == '\\')
            {
                return "The object key must not contain control characters, backslashes or invalid UTF-8/UTF-16.";
            }
        }

        if (key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "The object key must not contain empty, '.' or '..' segments.";
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return $"The object key must be at most {MaxKeyBytes} bytes of UTF-8.";
        }

        return null;
    }
}
