namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Reads a reply body into memory up to a limit. Every OSS reply the library reads (XML documents, error documents,
/// callback bodies) is a few KiB, so a body beyond the limit is a broken or hostile reply, refused before it is read
/// (by its Content-Length) or as soon as the count passes the limit (chunked or decompressed bodies).
/// </summary>
internal static class ResponseBodyReader
{
    /// <summary>4 MiB: a ListParts page of 1,000 parts is about 250 KiB.</summary>
    public const long DefaultLimit = 4L * 1024 * 1024;

    private const int InitialBuffer = 16 * 1024;

    /// <summary>Reads the body, or returns null as soon as it is known to be longer than <paramref name="limit"/> bytes.</summary>
    /// <param name="content">The reply's content.</param>
    /// <param name="isHead">True for a HEAD reply, whose Content-Length describes the object, not a body.</param>
    /// <param name="limit">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<byte[]?> ReadAsync(HttpContent content, bool isHead, long limit, CancellationToken cancellationToken)
    {
        long? declared = isHead ? null : content.Headers.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        if (declared == 0)
        {
            return [];
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte past the limit is enough to know the body is too long.
            long ceiling = limit + 1;
            byte[] buffer = new byte[(int)Math.Min(declared + 1 ?? InitialBuffer, ceiling)];
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled >= ceiling)
                    {
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, ceiling));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled > limit)
            {
                return null;
            }

            if (filled != buffer.Length)
            {
                Array.Resize(ref buffer, filled);
            }

            return buffer;
        }
    }
}
