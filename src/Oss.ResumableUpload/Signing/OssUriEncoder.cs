using System.Buffers;
using System.Text;

namespace Oss.ResumableUpload.Signing;

/// <summary>Percent-encoding as OSS signs and routes it (RFC 3986, upper-case hex).</summary>
internal static class OssUriEncoder
{
    private static readonly SearchValues<char> s_unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    /// <summary>Encodes an object key or path: every byte except <c>A-Z a-z 0-9 - _ . ~</c> and <c>/</c>.</summary>
    public static string EscapePath(string value) => Escape(value, keepSlash: true);

    /// <summary>Encodes a query name or value: every byte except <c>A-Z a-z 0-9 - _ . ~</c>.</summary>
    public static string EscapeQuery(string value) => Escape(value, keepSlash: false);

    /// <summary>Appends <paramref name="value"/> encoded as <see cref="EscapePath"/> (or <see cref="EscapeQuery"/>) would return it, without an intermediate string.</summary>
    public static void AppendEscaped(ref CharBuilder builder, string value, bool keepSlash)
    {
        if (IsSafe(value, keepSlash))
        {
            builder.Append(value);
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> bytes = rented ?? stackalloc byte[512];
        try
        {
            int length = Encoding.UTF8.GetBytes(value, bytes);
            foreach (byte b in bytes[..length])
            {
                char c = (char)b;
                if (b < 0x80 && (s_unreserved.Contains(c) || (keepSlash && c == '/')))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%');
                    builder.Append(Hex[b >> 4]);
                    builder.Append(Hex[b & 0xF]);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private const string Hex = "0123456789ABCDEF";

    private static bool IsSafe(string value, bool keepSlash)
    {
        foreach (char c in value)
        {
            if (!s_unreserved.Contains(c) && !(keepSlash && c == '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string value, bool keepSlash)
    {
        if (IsSafe(value, keepSlash))
        {
            return value;
        }

        var builder = new CharBuilder(stackalloc char[256]);
        try
        {
            AppendEscaped(ref builder, value, keepSlash);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }
}
