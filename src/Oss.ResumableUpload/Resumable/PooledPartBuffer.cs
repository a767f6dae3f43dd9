using System.Buffers;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// One part's bytes in buffers rented from the engine's pool: a single array for parts up to
/// <see cref="MaxSegmentSize"/>, else a chain of such arrays (a part may be 5 GiB, more than one array holds).
/// Disposing returns every array to the pool, once.
/// </summary>
internal sealed class PooledPartBuffer : IDisposable
{
    /// <summary>The largest array one part rents; larger parts take several.</summary>
    public const int MaxSegmentSize = 64 * 1024 * 1024;

    private readonly ArrayPool<byte> _pool;
    private byte[][]? _segments;

    private PooledPartBuffer(ArrayPool<byte> pool, byte[][] segments, long capacity)
    {
        _pool = pool;
        _segments = segments;
        Capacity = capacity;
    }

    /// <summary>Gets how many bytes the buffer holds at most.</summary>
    public long Capacity { get; }

    /// <summary>Gets or sets how many bytes are filled, from the start.</summary>
    public long Length { get; private set; }

    /// <summary>Rents room for <paramref name="capacity"/> bytes.</summary>
    public static PooledPartBuffer Rent(ArrayPool<byte> pool, long capacity)
    {
        int count = (int)((capacity + MaxSegmentSize - 1) / MaxSegmentSize);
        var segments = new byte[count][];
        try
        {
            for (int i = 0; i < count; i++)
            {
                segments[i] = pool.Rent((int)Math.Min(MaxSegmentSize, capacity - ((long)i * MaxSegmentSize)));
            }
        }
        catch
        {
            foreach (byte[]? rented in segments)
            {
                if (rented is not null)
                {
                    pool.Return(rented);
                }
            }

            throw;
        }

        return new PooledPartBuffer(pool, segments, capacity);
    }

    /// <summary>Fills the whole capacity with positioned reads of <paramref name="source"/> from <paramref name="offset"/>.</summary>
    public async ValueTask FillAsync(UploadSource source, long offset, CancellationToken cancellationToken)
    {
        long done = 0;
        for (int i = 0; i < Segments.Length; i++)
        {
            Memory<byte> target = Writable(i);
            await source.ReadExactlyAsync(offset + done, target, cancellationToken).ConfigureAwait(false);
            done += target.Length;
        }

        Length = done;
    }

    /// <summary>Reads <paramref name="stream"/> sequentially until the buffer is full or the stream ends; returns the bytes read.</summary>
    public async ValueTask<long> FillAsync(Stream stream, ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken)
    {
        long filled = 0;
        for (int i = 0; i < Segments.Length; i++)
        {
            Memory<byte> target = Writable(i);
            int done = 0;
            if (i == 0 && !prefix.IsEmpty)
            {
                prefix.CopyTo(target);
                done = prefix.Length;
            }

            while (done < target.Length)
            {
                int read = await stream.ReadAsync(target[done..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Length = filled + done;
                    return Length;
                }

                done += read;
            }

            filled += done;
        }

        Length = filled;
        return filled;
    }

    /// <summary>The filled bytes as the engine's part content.</summary>
    public PartContent ToContent()
    {
        if (Segments.Length <= 1)
        {
            return PartContent.FromBuffer(Segments.Length == 0 ? ReadOnlyMemory<byte>.Empty : Segments[0].AsMemory(0, (int)Length));
        }

        var parts = new List<ReadOnlyMemory<byte>>(Segments.Length);
        long left = Length;
        foreach (byte[] segment in Segments)
        {
            int count = (int)Math.Min(left, Math.Min(segment.Length, MaxSegmentSize));
            if (count == 0)
            {
                break;
            }

            parts.Add(segment.AsMemory(0, count));
            left -= count;
        }

        return PartContent.FromSegments(parts, Length);
    }

    /// <summary>The MD5 and CRC-64 of the filled bytes.</summary>
    public PartHash ComputeHash()
    {
        if (Segments.Length == 1)
        {
            return PartHasher.Compute(Segments[0].AsSpan(0, (int)Length));
        }

        using var hasher = new PartHasher();
        long left = Length;
        foreach (byte[] segment in Segments)
        {
            int count = (int)Math.Min(left, Math.Min(segment.Length, MaxSegmentSize));
            hasher.Append(segment.AsSpan(0, count));
            left -= count;
        }

        return hasher.GetHashAndReset();
    }

    public void Dispose()
    {
        byte[][]? segments = Interlocked.Exchange(ref _segments, null);
        if (segments is null)
        {
            return;
        }

        foreach (byte[] segment in segments)
        {
            _pool.Return(segment);
        }
    }

    private byte[][] Segments => _segments ?? throw new ObjectDisposedException(nameof(PooledPartBuffer));

    // Pools may hand out larger arrays: only the part's own share of each is used.
    private Memory<byte> Writable(int index)
        => Segments[index].AsMemory(0, (int)Math.Min(MaxSegmentSize, Capacity - ((long)index * MaxSegmentSize)));
}
