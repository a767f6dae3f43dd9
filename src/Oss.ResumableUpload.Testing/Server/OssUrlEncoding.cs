using System.Text;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Percent-encoding as OSS uses it for object keys (V4 canonical URI, <c>Location</c>) and query values
/// (V4 canonical query, <c>encoding-type=url</c>): every UTF-8 byte except <c>A-Z a-z 0-9 - _ . ~</c> becomes
/// <c>%XX</c> with upper-case hex; a path also keeps <c>/</c>.
/// </summary>
internal static class OssUrlEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string EscapePath(string value) => Escape(value, keepSlash: true);

    public static string EscapeQuery(string value) => Escape(value, keepSlash: false);

    private static string Escape(string value, bool keepSlash)
    {
        if (value.AsSpan().IndexOfAnyExcept(keepSlash ? s_pathSafe : s_querySafe) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b) || (keepSlash && b == '/'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    private static bool IsUnreserved(byte b)
        => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static readonly System.Buffers.SearchValues<char> s_querySafe =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    private static readonly System.Buffers.SearchValues<char> s_pathSafe =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~/");
}
