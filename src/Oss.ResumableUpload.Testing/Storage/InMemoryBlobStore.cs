namespace Oss.ResumableUpload.Testing;

/// <summary>Keeps blobs in 1 MiB chunks on the managed heap (no large contiguous arrays).</summary>
internal sealed class InMemoryBlobStore : BlobStore
{
    internal const int ChunkSize = 1024 * 1024;

    public override bool KeepsContent => true;

    public override BlobWriter CreateWriter() => new Writer();

    private sealed class Writer : BlobWriter
    {
        private readonly List<byte[]> _chunks = [];
        private int _lastChunkUsed = ChunkSize;
        private long _length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            ReadOnlySpan<byte> span = data.Span;
            while (!span.IsEmpty)
            {
                if (_lastChunkUsed == ChunkSize)
                {
                    _chunks.Add(new byte[ChunkSize]);
                    _lastChunkUsed = 0;
                }

                int count = Math.Min(span.Length, ChunkSize - _lastChunkUsed);
                span[..count].CopyTo(_chunks[^1].AsSpan(_lastChunkUsed));
                _lastChunkUsed += count;
                _length += count;
                span = span[count..];
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask<StoredBlob> CommitAsync(long length, BodyHash hash, CancellationToken cancellationToken)
        {
            if (length != _length)
            {
                throw new InvalidOperationException($"The blob has {_length} bytes, not {length}.");
            }

            return ValueTask.FromResult<StoredBlob>(new Blob(_chunks.ToArray(), length, hash));
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Blob(byte[][] chunks, long length, BodyHash hash) : StoredBlob(length, hash)
    {
        public override Stream OpenRead() => new ChunkedReadStream(chunks, Length);

        // Nothing to do: the chunks go with the last reference, so a GetObject still streaming an overwritten
        // object finishes reading the bytes it started with.
        public override void Delete()
        {
        }
    }

    /// <summary>A seekable read-only view of a chunk list.</summary>
    private sealed class ChunkedReadStream(byte[][] chunks, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int total = 0;
            while (!buffer.IsEmpty && _position < length)
            {
                int chunk = (int)(_position / ChunkSize);
                int within = (int)(_position % ChunkSize);
                int count = (int)Math.Min(Math.Min(buffer.Length, ChunkSize - within), length - _position);
                chunks[chunk].AsSpan(within, count).CopyTo(buffer);
                buffer = buffer[count..];
                _position += count;
                total += count;
            }

            return total;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
