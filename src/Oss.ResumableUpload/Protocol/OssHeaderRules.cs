namespace Oss.ResumableUpload.Protocol;

/// <summary>
/// What a header name and value, and any text that becomes a path or query, may contain. The one definition: the
/// request validators check callers' values with it up front (naming the parameter), and
/// <see cref="OssRequestHeaders"/> enforces it on every header an operation carries.
/// </summary>
/// <remarks>
/// A header value is visible ASCII, space and tab (RFC 9110 field-value without obs-text). OSS signs header values
/// as sent, and HTTP/1.1 gives no charset to bytes above 0x7F, so non-ASCII text is refused rather than guessed at;
/// a CR or LF would end the header and start one of the caller's choosing. Leading and trailing whitespace is
/// allowed: both signers trim it, as the server does.
/// </remarks>
internal static class OssHeaderRules
{
    /// <summary>True for an RFC 9110 token: the characters a header name may have.</summary>
    public static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every character is visible ASCII, space or tab.</summary>
    public static bool IsFieldValue(string value)
    {
        foreach (char c in value)
        {
            if (!(c is >= ' ' and <= '~' || c == '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when UTF-8 can carry the text exactly: no surrogate without its partner (which would become U+FFFD).</summary>
    public static bool IsWellFormedUtf16(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless <paramref name="value"/> can go out as a header value.</summary>
    /// <param name="value">The value; null passes (the header is not sent).</param>
    /// <param name="what">What the value is, for the message, for example <c>InitiateMultipartUploadRequest.ContentType</c>.</param>
    /// <param name="paramName">The caller's parameter, for <see cref="ArgumentException.ParamName"/>.</param>
    public static void EnsureFieldValue(string? value, string what, string? paramName)
    {
        if (value is not null && !IsFieldValue(value))
        {
            throw new ArgumentException($"{what} must be visible ASCII, spaces and tabs only: {DescribeFirstBadChar(value)}. CR and LF would end the header.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> converts to UTF-8 exactly.</summary>
    public static void EnsureWellFormed(string? value, string what, string? paramName)
    {
        if (value is not null && !IsWellFormedUtf16(value))
        {
            throw new ArgumentException($"{what} has an unpaired surrogate character; UTF-8 cannot carry it and would send U+FFFD instead.", paramName);
        }
    }

    private static string DescribeFirstBadChar(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!(c is >= ' ' and <= '~' || c == '\t'))
            {
                return FormattableString.Invariant($"U+{(int)c:X4} at index {i}");
            }
        }

        return "none";
    }
}
