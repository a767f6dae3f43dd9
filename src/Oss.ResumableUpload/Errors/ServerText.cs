using System.Diagnostics.CodeAnalysis;

namespace Oss.ResumableUpload;

/// <summary>
/// The one sanitizer for text the server chooses (error document fields, the request id, messages of exceptions
/// raised while reading a reply) before it enters an exception, a log line or a result. It replaces every control
/// character (C0, DEL, C1: ESC, CR, LF, CSI...), every bidirectional formatting character (U+061C, U+200E/F,
/// U+202A..U+202E, U+2066..U+2069), the line and paragraph separators and lone surrogates with '?', and caps the
/// length, so that a reply cannot forge log lines, send terminal escapes or reorder what a reader sees.
/// </summary>
internal static class ServerText
{
    /// <summary>For <c>&lt;Code&gt;</c> and <c>EC</c>: real codes are under 40 characters.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>For request ids and host ids.</summary>
    public const int MaxIdLength = 128;

    /// <summary>For <c>&lt;Message&gt;</c> and the messages of exceptions raised while reading a reply.</summary>
    public const int MaxMessageLength = 512;

    /// <summary>For a value quoted in an InvalidResponse message.</summary>
    public const int MaxQuotedLength = 64;

    private const string Ellipsis = "...";

    /// <summary>Returns <paramref name="text"/> with unsafe characters replaced and at most <paramref name="maxLength"/> characters plus "...".</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        bool tooLong = text.Length > maxLength;
        int length = tooLong ? maxLength : text.Length;
        if (tooLong && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // do not split a pair
        }

        int first = IndexOfUnsafe(text.AsSpan(0, length));
        if (first < 0 && !tooLong)
        {
            return text;
        }

        return string.Create(length + (tooLong ? Ellipsis.Length : 0), (text, length, tooLong), static (span, state) =>
        {
            ReadOnlySpan<char> source = state.text.AsSpan(0, state.length);
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]);
                if (pair)
                {
                    span[i] = c;
                    span[i + 1] = source[i + 1];
                    i++;
                    continue;
                }

                span[i] = IsUnsafe(c) ? '?' : c;
            }

            if (state.tooLong)
            {
                Ellipsis.AsSpan().CopyTo(span[state.length..]);
            }
        });
    }

    /// <summary>True when <paramref name="text"/> has no character <see cref="Clean"/> would replace.</summary>
    public static bool IsClean(string text) => IndexOfUnsafe(text) < 0;

    private static int IndexOfUnsafe(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Unsafe on its own; a surrogate is safe only as part of a pair, which the callers check first.</summary>
    private static bool IsUnsafe(char c)
        => c < ' '
           || c is >= '\u007F' and <= '\u009F'
           || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
           || c is >= '\u202A' and <= '\u202E'
           || c is >= '\u2066' and <= '\u2069'
           || char.IsSurrogate(c);
}
