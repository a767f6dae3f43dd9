using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The bytes of one part or small object, as the engine hands them to its port: either a buffer it holds (a pooled
/// part buffer) or a range of the open file, streamed on every attempt. It says nothing about HTTP; the adapter turns
/// it into a request body.
/// </summary>
internal readonly struct PartContent
{
    private PartContent(SafeFileHandle? file, long offset, long length, ReadOnlyMemory<byte> buffer, IReadOnlyList<ReadOnlyMemory<byte>>? segments = null)
    {
        File = file;
        Offset = offset;
        Length = length;
        Buffer = buffer;
        Segments = segments;
    }

    /// <summary>The file to stream from, or null when the bytes are in <see cref="Buffer"/>.</summary>
    public SafeFileHandle? File { get; }

    /// <summary>Where the range starts in <see cref="File"/>; 0 for a buffer.</summary>
    public long Offset { get; }

    /// <summary>The number of bytes.</summary>
    public long Length { get; }

    /// <summary>The bytes, when they are held in memory; empty for a file range.</summary>
    public ReadOnlyMemory<byte> Buffer { get; }

    /// <summary>The bytes, when they are held in several buffers (a part larger than one pooled array); else null.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Segments { get; }

    /// <summary>True when the bytes stream from <see cref="File"/>.</summary>
    public bool IsFileRange => File is not null;

    /// <summary>A range of an open file, read afresh on every attempt.</summary>
    public static PartContent FromFileRange(SafeFileHandle file, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new PartContent(file, offset, length, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Bytes in memory; the caller keeps them alive until the request is done.</summary>
    public static PartContent FromBuffer(ReadOnlyMemory<byte> buffer) => new(null, 0, buffer.Length, buffer);

    /// <summary>Bytes in several buffers, sent in order; the caller keeps them alive until the request is done.</summary>
    public static PartContent FromSegments(IReadOnlyList<ReadOnlyMemory<byte>> segments, long length)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return new PartContent(null, 0, length, ReadOnlyMemory<byte>.Empty, segments);
    }
}
