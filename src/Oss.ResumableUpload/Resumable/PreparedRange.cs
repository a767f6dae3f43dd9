using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>A file range ready to send: its content, its MD5 and CRC-64, and the pooled buffer to return when done.</summary>
/// <param name="content">The bytes to send: the rented buffer, or a range streamed from the file.</param>
/// <param name="hash">The range's MD5 and CRC-64.</param>
/// <param name="buffer">The pooled buffer behind <paramref name="content"/>, or null when the range streams from the file.</param>
internal readonly struct PreparedRange(PartContent content, PartHash hash, PooledPartBuffer? buffer) : IDisposable
{
    public PartContent Content { get; } = content;

    public PartHash Hash { get; } = hash;

    public void Dispose()
    {
        buffer?.Dispose();
    }
}
