using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// A caller's seekable stream with a known length, uploaded from its position when the upload starts to its end.
/// A <see cref="Stream"/> is not thread-safe, so every positioned read (seek, then read) runs under one lock, into
/// the part's own buffer; hashing and sending then work from that buffer, in parallel. The stream is never disposed
/// here: it belongs to the caller.
/// </summary>
internal sealed class SeekableStreamSource : UploadSource
{
    private const string FingerprintVersion = "s1";

    private readonly Stream _stream;
    private readonly long _start;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly string? _identity;

    private SeekableStreamSource(Stream stream, string? identity, long start, long length)
    {
        _stream = stream;
        _identity = identity;
        _start = start;
        Length = length;
    }

    public override string Name => "(stream)";

    public override long Length { get; }

    public override SafeFileHandle? FileHandle => null;

    /// <summary>Gets the stream's position when the upload started: the first byte uploaded.</summary>
    public long Start => _start;

    /// <summary>True when the stream can be read at positions and reports its length.</summary>
    public static bool IsSeekableWithLength(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        try
        {
            _ = stream.Length;
            _ = stream.Position;
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static SeekableStreamSource Open(Stream stream, string? identity)
    {
        long start = stream.Position;
        // A position past the end leaves nothing to upload: an empty object, as a read there would return.
        return new SeekableStreamSource(stream, identity, start, Math.Max(0, stream.Length - start));
    }

    /// <summary>The fingerprint of a stream: its identity and its length, never its bytes (the identity is the caller's promise).</summary>
    public static string Fingerprint(string identity, long length)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{FingerprintVersion}-{length:x}-{XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(identity)):x32}");

    public override async ValueTask ReadExactlyAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream.Seek(_start + offset, SeekOrigin.Begin);
            int filled = 0;
            while (filled < buffer.Length)
            {
                int read = await _stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw CreateChangedException("it ended before its length");
                }

                filled += read;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override bool HasChanged() => DescribeChange() is not null;

    public override void EnsureUnchanged()
    {
        if (DescribeChange() is string change)
        {
            throw CreateChangedException(change);
        }
    }

    public override OssClientException CreateChangedException(string change, Exception? innerException = null)
        => new(
            OssClientErrorCode.FileChanged,
            $"The upload stream changed while it was being uploaded ({change}). No object was completed from mixed content; upload it again.",
            innerException);

    /// <summary>Derived from the request's identity and the length (see <see cref="Fingerprint"/>); the session is only opened with an identity.</summary>
    public override ValueTask<string> ComputeFingerprintAsync(ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
        => _identity is null
            ? throw new InvalidOperationException("A stream without UploadStreamIdentity has no fingerprint.")
            : new(Fingerprint(_identity, Length));

    /// <summary>Releases the lock only; the caller's stream stays open.</summary>
    public override void Dispose() => _gate.Dispose();

    private string? DescribeChange()
    {
        long length;
        try
        {
            length = Math.Max(0, _stream.Length - _start);
        }
        catch (ObjectDisposedException)
        {
            return "it was disposed";
        }

        return length != Length
            ? string.Create(CultureInfo.InvariantCulture, $"its length went from {Length} to {length} bytes")
            : null;
    }
}
