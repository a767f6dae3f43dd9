using System.Buffers;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Resumable;

/// <summary>A file range ready to send: its request body, its MD5 and CRC-64, and the pooled buffer to return when done.</summary>
/// <param name="body">The bytes to send: the rented buffer, or a range streamed from the file.</param>
/// <param name="hash">The range's MD5 and CRC-64.</param>
/// <param name="pool">The pool <paramref name="rentedBuffer"/> came from.</param>
/// <param name="rentedBuffer">The buffer behind <paramref name="body"/>, or null when the range streams from the file.</param>
internal readonly struct PreparedRange(OssRequestBody body, PartHash hash, ArrayPool<byte> pool, byte[]? rentedBuffer) : IDisposable
{
    public OssRequestBody Body { get; } = body;

    public PartHash Hash { get; } = hash;

    public void Dispose()
    {
        if (rentedBuffer is not null)
        {
            pool.Return(rentedBuffer);
        }
    }
}
