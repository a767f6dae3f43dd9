namespace Oss.ResumableUpload.Testing;

/// <summary>A stored object: its content (one blob, or the parts of a completed upload in order) and metadata.</summary>
internal sealed class ObjectState
{
    public required string Key { get; init; }

    /// <summary>Gets the object's bytes, in order. A multipart object keeps its part blobs instead of copying them.</summary>
    public required IReadOnlyList<StoredBlob> Segments { get; init; }

    public required long Length { get; init; }

    /// <summary>Gets the quoted ETag: the MD5 for PutObject, <c>"HEX-N"</c> for a multipart object.</summary>
    public required string ETag { get; init; }

    public required ulong Crc64 { get; init; }

    /// <summary>Gets the MD5 of the whole object, known for single-request objects only.</summary>
    public Md5Value? Md5 { get; init; }

    public required string ContentType { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Storage class, encryption, tags, ACL and stored HTTP headers, as given at PutObject or Initiate.</summary>
    public StoredSettings Settings { get; init; } = StoredSettings.None;

    public required DateTimeOffset LastModified { get; init; }

    public bool IsMultipart { get; init; }

    public void DeleteContent()
    {
        foreach (StoredBlob segment in Segments)
        {
            segment.Delete();
        }
    }

    /// <summary>Copies <paramref name="count"/> bytes starting at <paramref name="offset"/> to <paramref name="destination"/>.</summary>
    public async Task CopyRangeToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long segmentStart = 0;
            foreach (StoredBlob segment in Segments)
            {
                long segmentEnd = segmentStart + segment.Length;
                if (count > 0 && offset < segmentEnd && segment.Length > 0)
                {
                    long within = offset - segmentStart;
                    long take = Math.Min(count, segment.Length - within);
                    Stream source = segment.OpenRead();
                    await using (source.ConfigureAwait(false))
                    {
                        source.Seek(within, SeekOrigin.Begin);
                        long left = take;
                        while (left > 0)
                        {
                            int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                            if (read == 0)
                            {
                                throw new EndOfStreamException("A stored blob is shorter than recorded.");
                            }

                            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                            left -= read;
                        }
                    }

                    offset += take;
                    count -= take;
                }

                segmentStart = segmentEnd;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
