using System.Buffers;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Resumable;

/// <summary>A file range ready to send: its request body, its MD5 and CRC-64, and the pooled buffer to return when done.</summary>
internal readonly struct PreparedRange(OssRequestBody body, PartHash hash, byte[]? rentedBuffer) : IDisposable
{
    public OssRequestBody Body { get; } = body;

    public PartHash Hash { get; } = hash;

    public void Dispose()
    {
        if (rentedBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(rentedBuffer);
        }
    }
}
