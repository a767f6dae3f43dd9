using System.IO.Hashing;
using System.Security.Cryptography;

namespace Oss.ResumableUpload.Hashing;

/// <summary>Computes a part's MD5 and CRC-64: over a whole buffer (<see cref="Compute"/>) or over chunks appended in order.</summary>
internal sealed class PartHasher : IDisposable
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly Crc64 _crc = OssCrc64.CreateHasher();

    public void Append(ReadOnlySpan<byte> data)
    {
        _md5.AppendData(data);
        _crc.Append(data);
    }

    /// <summary>Returns the MD5 and CRC-64 of everything appended, and resets for the next part.</summary>
    public PartHash GetHashAndReset()
    {
        Span<byte> md5 = stackalloc byte[16];
        _md5.GetHashAndReset(md5);
        ulong crc = _crc.GetCurrentHashAsUInt64();
        _crc.Reset();
        return new PartHash(new Md5Digest(md5), crc);
    }

    /// <summary>Hashes a whole buffer: one MD5 call and one CRC-64 call over all of it.</summary>
    /// <remarks>
    /// One call per algorithm, not a loop over cache-sized slices: the per-call cost is negligible either way once
    /// the code is optimized, but in a fresh process the tiered JIT keeps a method that is called often with short
    /// inputs (System.IO.Hashing's vectorized CRC-64 and its helpers) at its unoptimized tiers for a long time, while
    /// one long call reaches optimized code through on-stack replacement within the first part. Reading a part of
    /// a few megabytes twice costs far less than MD5 itself.
    /// </remarks>
    public static PartHash Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> md5 = stackalloc byte[16];
        MD5.HashData(data, md5);
        return new PartHash(new Md5Digest(md5), OssCrc64.Compute(data));
    }

    public void Dispose() => _md5.Dispose();
}

/// <summary>The MD5 and CRC-64 of one part.</summary>
internal readonly record struct PartHash(Md5Digest Md5, ulong Crc64);

/// <summary>A 16-byte MD5 digest held without an allocation.</summary>
internal readonly struct Md5Digest : IEquatable<Md5Digest>
{
    private readonly ulong _high;
    private readonly ulong _low;

    public Md5Digest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != 16)
        {
            throw new ArgumentException("An MD5 digest has 16 bytes.", nameof(digest));
        }

        _high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest);
        _low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
    }

    public void CopyTo(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>The Content-MD5 header value: base64 of the 16 bytes.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[16];
        CopyTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The ETag OSS gives a part: the upper-case hex MD5 in quotes.</summary>
    public string ToETag()
    {
        Span<byte> bytes = stackalloc byte[16];
        CopyTo(bytes);
        return "\"" + Convert.ToHexString(bytes) + "\"";
    }

    /// <summary>True when <paramref name="etag"/> (quoted or not, any case) is this digest in hex.</summary>
    public bool MatchesETag(string? etag)
    {
        if (etag is null)
        {
            return false;
        }

        ReadOnlySpan<char> hex = etag.AsSpan().Trim().Trim('"');
        if (hex.Length != 32)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        try
        {
            if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != 16)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        return new Md5Digest(bytes).Equals(this);
    }

    public static bool TryParseBase64(string? base64, out Md5Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(base64))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[24];
        if (!Convert.TryFromBase64String(base64, bytes, out int written) || written != 16)
        {
            return false;
        }

        digest = new Md5Digest(bytes[..16]);
        return true;
    }

    public bool Equals(Md5Digest other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is Md5Digest other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    public override string ToString() => ToETag();
}
