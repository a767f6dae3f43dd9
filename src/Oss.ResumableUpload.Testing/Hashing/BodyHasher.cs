using System.IO.Hashing;
using System.Security.Cryptography;

namespace Oss.ResumableUpload.Testing;

/// <summary>Hashes a request body with MD5 and CRC-64 while it streams by.</summary>
internal sealed class BodyHasher : IDisposable
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly Crc64 _crc64 = ObjectCrc64.CreateHasher();

    public void Append(ReadOnlySpan<byte> data)
    {
        _md5.AppendData(data);
        _crc64.Append(data);
    }

    /// <summary>Returns the hashes of everything appended so far.</summary>
    public BodyHash GetHash()
    {
        Span<byte> md5 = stackalloc byte[Md5Value.Size];
        _md5.GetCurrentHash(md5);
        return new BodyHash(Md5Value.FromBytes(md5), _crc64.GetCurrentHashAsUInt64());
    }

    public void Dispose() => _md5.Dispose();
}

/// <summary>The MD5 and CRC-64 of a stored run of bytes.</summary>
internal readonly record struct BodyHash(Md5Value Md5, ulong Crc64);
