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

    private static string Escape(string value, bool keepSlash)
    {
        int firstUnsafe = -1;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!s_unreserved.Contains(c) && !(keepSlash && c == '/'))
            {
                firstUnsafe = i;
                break;
            }
        }

        if (firstUnsafe < 0)
        {
            return value;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            char c = (char)b;
            if (b < 0x80 && (s_unreserved.Contains(c) || (keepSlash && c == '/')))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%');
                sb.Append("0123456789ABCDEF"[b >> 4]);
                sb.Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return sb.ToString();
    }
}
