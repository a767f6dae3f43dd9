using System.Buffers;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Reads a non-seekable stream part by part into pooled buffers, with part sizes from <see cref="StreamPartSizeRule"/>.
/// After filling a part it reads one byte more, so it knows whether that part is the last before anyone sends it
/// (a stream that ends exactly at a part boundary has no empty extra part). Reads are sequential: one caller at a time.
/// </summary>
internal sealed class SequentialPartReader(Stream stream, long requestedPartSize, ArrayPool<byte> bufferPool)
{
    private readonly byte[] _lookAhead = new byte[1];
    private bool _hasLookAhead;

    /// <summary>Gets the number of the last part read.</summary>
    public int PartsRead { get; private set; }

    /// <summary>Gets the bytes read so far (all of the stream once <see cref="Ended"/>).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Gets a value indicating whether the last part read was the stream's last.</summary>
    public bool Ended { get; private set; }

    /// <summary>Reads the next part; the caller owns (and disposes) the buffer.</summary>
    /// <exception cref="InvalidOperationException">The stream already ended.</exception>
    /// <exception cref="ArgumentException">The stream needs more than 10,000 parts.</exception>
    public async ValueTask<PooledPartBuffer> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (Ended)
        {
            throw new InvalidOperationException("The stream has ended.");
        }

        int partNumber = PartsRead + 1;
        if (partNumber > ResumableUploadRequest.MaxPartCount)
        {
            throw new ArgumentException(
                $"The upload stream is longer than 10,000 parts growing from {requestedPartSize} bytes hold ({StreamPartSizeRule.MaxLength(requestedPartSize)} bytes).",
                "request");
        }

        long size = StreamPartSizeRule.SizeOf(partNumber, requestedPartSize);
        PooledPartBuffer buffer = PooledPartBuffer.Rent(bufferPool, size);
        try
        {
            ReadOnlyMemory<byte> prefix = _hasLookAhead ? _lookAhead : ReadOnlyMemory<byte>.Empty;
            long filled = await buffer.FillAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
            _hasLookAhead = false;
            if (filled < size)
            {
                Ended = true;
            }
            else
            {
                int read = await stream.ReadAsync(_lookAhead, cancellationToken).ConfigureAwait(false);
                _hasLookAhead = read == 1;
                Ended = read == 0;
            }

            PartsRead = partNumber;
            BytesRead += filled;
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
