using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace Oss.ResumableUpload.Testing;

/// <summary>Reads request bodies in large chunks, counting bytes as they arrive and hashing them in the same pass.</summary>
internal static class RequestBodyReader
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Streams the body into a new blob, computing its MD5 and CRC-64. The blob is deleted if anything fails.</summary>
    public static async Task<StoredBlob> ReadToBlobAsync(OssRequestContext request, BlobStore store, CancellationToken cancellationToken)
    {
        BlobWriter writer = store.CreateWriter();
        await using (writer.ConfigureAwait(false))
        {
            using var hasher = new BodyHasher();
            long length = 0;
            Stream body = request.Http.Request.Body;
            long? trafficLimit = ReadTrafficLimit(request);

            // Under x-oss-traffic-limit, read a tenth of a second's worth at a time and pause whenever ahead of the limit.
            int chunk = trafficLimit is long bits ? (int)Math.Clamp(bits / 8 / 10, 1024, BufferSize) : BufferSize;
            long started = Stopwatch.GetTimestamp();
            byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                while (true)
                {
                    int read = await body.ReadAsync(buffer.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    request.CountBodyBytes(read);
                    ThrowIfOverCap(request, length + read);
                    hasher.Append(buffer.AsSpan(0, read));
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    length += read;
                    if (trafficLimit is long limit)
                    {
                        await ThrottleAsync(length, limit, started, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            request.BodyConsumed = true;
            return await writer.CommitAsync(length, hasher.GetHash(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and discards the body, or its first <paramref name="limit"/> bytes.</summary>
    /// <returns>True when the whole body was read.</returns>
    /// <exception cref="OssErrorException">EntityTooLarge: the body is larger than the request's <see cref="OssRequestContext.MaxBodySize"/>; the rest is left unread.</exception>
    public static async Task<bool> DrainAsync(OssRequestContext request, long? limit, CancellationToken cancellationToken)
    {
        if (request.BodyConsumed)
        {
            return true;
        }

        Stream body = request.Http.Request.Body;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long left = limit ?? long.MaxValue;
            while (left > 0)
            {
                int read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    request.BodyConsumed = true;
                    return true;
                }

                request.CountBodyBytes(read);
                ThrowIfOverCap(request, request.BodyBytesReceived);
                left -= read;
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a small body (an XML document) into memory.</summary>
    /// <exception cref="OssErrorException">The body is larger than the request's <see cref="OssRequestContext.MaxBodySize"/>.</exception>
    public static async Task<byte[]> ReadSmallAsync(OssRequestContext request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            Stream body = request.Http.Request.Body;
            while (true)
            {
                int read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                request.CountBodyBytes(read);
                ThrowIfOverCap(request, buffer.Length + read);

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.BodyConsumed = true;
        return buffer.ToArray();
    }

    private static void ThrowIfOverCap(OssRequestContext request, long length)
    {
        if (length > request.MaxBodySize)
        {
            throw OssError.EntityTooLarge(length, request.MaxBodySize).ToException();
        }
    }

    /// <summary>Reads <c>x-oss-traffic-limit</c> (bit/s), refusing a value outside OSS's 819200..838860800 as OSS does.</summary>
    private static long? ReadTrafficLimit(OssRequestContext request)
    {
        string? header = request.Header("x-oss-traffic-limit");
        if (header is null)
        {
            return null;
        }

        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out long limit) || limit is < 819_200 or > 838_860_800)
        {
            throw OssError.InvalidArgument("x-oss-traffic-limit must be between 819200 and 838860800 bit/s.", "x-oss-traffic-limit", header).ToException();
        }

        return limit;
    }

    /// <summary>
    /// Waits until <paramref name="bytes"/> could have arrived at <paramref name="bitsPerSecond"/>, so the body is read
    /// no faster than the limit. Real time, not the server's TimeProvider: the limit governs actual socket reads.
    /// </summary>
    private static async Task ThrottleAsync(long bytes, long bitsPerSecond, long started, CancellationToken cancellationToken)
    {
        TimeSpan due = TimeSpan.FromSeconds(bytes * 8.0 / bitsPerSecond);
        TimeSpan elapsed;

        // Task.Delay counts whole milliseconds on a millisecond clock, so it may wake up to about 2 ms early: wait
        // again until the time is really due, or a body would be read slightly faster than the limit.
        while ((elapsed = Stopwatch.GetElapsedTime(started)) < due)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((due - elapsed).TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        }
    }
}
