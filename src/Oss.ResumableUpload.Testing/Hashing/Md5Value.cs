using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Oss.ResumableUpload.Testing;

/// <summary>An MD5 digest as the server keeps it: the 16 bytes read as one big-endian 128-bit number.</summary>
/// <param name="Bits">The digest; its first byte is the most significant.</param>
internal readonly record struct Md5Value(UInt128 Bits)
{
    public const int Size = 16;

    public static Md5Value Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        MD5.HashData(data, digest);
        return FromBytes(digest);
    }

    public static Md5Value FromBytes(ReadOnlySpan<byte> digest) => new(BinaryPrimitives.ReadUInt128BigEndian(digest));

    /// <summary>Parses a Content-MD5 header value: base64 of exactly 16 bytes.</summary>
    public static bool TryParseBase64(string? text, out Md5Value value)
    {
        value = default;
        Span<byte> bytes = stackalloc byte[18]; // room to notice a value longer than 16 bytes
        if (string.IsNullOrEmpty(text) || !Convert.TryFromBase64String(text, bytes, out int written) || written != Size)
        {
            return false;
        }

        value = FromBytes(bytes[..Size]);
        return true;
    }

    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, Bits);

    /// <summary>The Content-MD5 form: base64 of the 16 bytes.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The ETag OSS gives a part or a single-request object: 32 upper-case hex digits in quotes.</summary>
    public string ToETag() => "\"" + Bits.ToString("X32", CultureInfo.InvariantCulture) + "\"";

    /// <summary>True when <paramref name="etag"/> names this digest: 32 hex digits of either case, quoted or not.</summary>
    public bool MatchesETag(string? etag)
    {
        ReadOnlySpan<char> hex = etag.AsSpan().Trim().Trim('"');
        return hex.Length == 2 * Size
               && UInt128.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out UInt128 parsed)
               && parsed == Bits;
    }

    public override string ToString() => ToETag();
}
