using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// A body read from a caller's seekable stream: each attempt seeks back to the starting position and sends
/// <see cref="Length"/> bytes.
/// </summary>
internal sealed class StreamRequestBody : OssRequestBody
{
    private readonly Stream _stream;
    private readonly long _start;
    private readonly long _length;

    private StreamRequestBody(Stream stream, long start, long length)
    {
        _stream = stream;
        _start = start;
        _length = length;
    }

    public override long Length => _length;

    /// <summary>The most bytes of a non-seekable stream that are copied into memory: 1 GiB.</summary>
    public const long MaxBufferedLength = 1024L * 1024 * 1024;

    /// <summary>
    /// Prepares a retryable body from a caller's stream and computes its MD5. A seekable stream is hashed in
    /// place and re-read on each attempt; any other stream is copied into memory once, at most
    /// <paramref name="maxBufferedLength"/> bytes (a longer one is an <see cref="ArgumentException"/> before any request:
    /// <see cref="OssClient.ResumableUploadAsync"/> with <see cref="ResumableUploadRequest.UploadStream"/> streams it in bounded memory).
    /// </summary>
    public static async Task<(OssRequestBody Body, Hashing.Md5Digest Md5)> CreateAsync(Stream stream, long? length, string paramName, CancellationToken cancellationToken, long maxBufferedLength = MaxBufferedLength)
    {
        ArgumentNullException.ThrowIfNull(stream, paramName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The content stream must be readable.", paramName);
        }

        if (length is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, length, "The content length must not be negative.");
        }

        if (stream.CanSeek)
        {
            long start = stream.Position;
            long available = stream.Length - start;
            long size = length ?? available;
            if (size > available)
            {
                throw new ArgumentException($"The content stream has {available} bytes after its position, fewer than the {size} asked for.", paramName);
            }

            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await ReadExactlyAsync(stream, size, 256 * 1024, md5, static (hash, buffer, count) => hash.AppendData(buffer, 0, count), paramName, cancellationToken).ConfigureAwait(false);
            return (new StreamRequestBody(stream, start, size), new Hashing.Md5Digest(md5.GetHashAndReset()));
        }

        if (length > maxBufferedLength)
        {
            throw TooLongToBuffer(maxBufferedLength, paramName);
        }

        var copy = new MemoryStream();
        if (length is long limit)
        {
            await ReadExactlyAsync(stream, limit, 81920, copy, static (target, buffer, count) => target.Write(buffer, 0, count), paramName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyAtMostAsync(stream, copy, maxBufferedLength, paramName, cancellationToken).ConfigureAwait(false);
        }

        var memory = new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length);
        return (new MemoryRequestBody(memory), new Hashing.Md5Digest(MD5.HashData(memory.Span)));
    }

    private static ArgumentException TooLongToBuffer(long maxBufferedLength, string paramName)
        => new(
            $"A non-seekable content stream is copied into memory before PutObject, and this one is longer than the {maxBufferedLength} bytes allowed; use ResumableUploadAsync with ResumableUploadRequest.UploadStream, which streams it in bounded memory.",
            paramName);

    /// <summary>Copies the whole stream, failing as soon as it passes <paramref name="maxLength"/> bytes.</summary>
    private static async Task CopyAtMostAsync(Stream stream, MemoryStream copy, long maxLength, string paramName, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + read > maxLength)
                {
                    throw TooLongToBuffer(maxLength, paramName);
                }

                copy.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes in chunks of at most <paramref name="chunkSize"/>, handing each to <paramref name="consume"/>.</summary>
    /// <exception cref="ArgumentException">The stream ended first.</exception>
    private static async Task ReadExactlyAsync<TState>(Stream stream, long length, int chunkSize, TState state, Action<TState, byte[], int> consume, string paramName, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            long remaining = length;
            while (remaining > 0)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ArgumentException("The content stream ended before its length.", paramName);
                }

                consume(state, buffer, read);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override HttpContent CreateContent(Action<long>? bytesSentInAttempt) => new SeekingContent(this, bytesSentInAttempt);

    private sealed class SeekingContent(StreamRequestBody body, Action<long>? progress) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            body._stream.Position = body._start;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(WriteChunkSize);
            try
            {
                long sent = 0;
                while (sent < body._length)
                {
                    int read = await body._stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, body._length - sent)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The content stream ended early while it was being sent.");
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    sent += read;
                    BytesSentMeter.Add(counted: true, read);
                    progress?.Invoke(sent);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body._length;
            return true;
        }
    }
}
