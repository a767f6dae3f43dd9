using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// How a file is cut into parts: every part has <see cref="PartSize"/> bytes except the last, which holds the rest.
/// The layout is fixed when an upload begins and stored in its checkpoint; a resume reuses it.
/// </summary>
internal readonly record struct PartLayout
{
    private PartLayout(long fileSize, long partSize, int partCount, bool grows = false)
    {
        FileSize = fileSize;
        PartSize = partSize;
        PartCount = partCount;
        Grows = grows;
    }

    public long FileSize { get; }

    public long PartSize { get; }

    public int PartCount { get; }

    /// <summary>Gets a value indicating whether part sizes follow <see cref="StreamPartSizeRule"/> (a non-seekable stream) instead of all being <see cref="PartSize"/>.</summary>
    public bool Grows { get; }

    /// <summary>The largest file a multipart upload can hold: 10,000 parts of 5 GiB.</summary>
    public static long MaxFileSize => ResumableUploadRequest.MaxPartCount * ResumableUploadRequest.MaxPartSize;

    /// <summary>
    /// Chooses the layout for a new upload. The requested size is doubled until the file needs at most 10,000 parts
    /// (doubling keeps power-of-two sizes, which pooled buffers fit exactly); past 5 GiB it takes the smallest size
    /// that fits, rounded up to 4 KiB.
    /// </summary>
    public static PartLayout Compute(long fileSize, long requestedPartSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileSize);
        if (requestedPartSize is < ResumableUploadRequest.MinPartSize or > ResumableUploadRequest.MaxPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(requestedPartSize), requestedPartSize, "The part size must be between 100 KiB and 5 GiB.");
        }

        if (fileSize > MaxFileSize)
        {
            throw new ArgumentException($"The file has {fileSize} bytes; a multipart upload holds at most {MaxFileSize} (10,000 parts of 5 GiB).", nameof(fileSize));
        }

        long partSize = requestedPartSize;
        while (CountParts(fileSize, partSize) > ResumableUploadRequest.MaxPartCount && partSize <= ResumableUploadRequest.MaxPartSize / 2)
        {
            partSize *= 2;
        }

        if (CountParts(fileSize, partSize) > ResumableUploadRequest.MaxPartCount)
        {
            long minimum = (fileSize + ResumableUploadRequest.MaxPartCount - 1) / ResumableUploadRequest.MaxPartCount;
            partSize = Math.Min(ResumableUploadRequest.MaxPartSize, (minimum + 4095) / 4096 * 4096);
        }

        return new PartLayout(fileSize, partSize, CountParts(fileSize, partSize));
    }

    /// <summary>The layout of a stream read to its end: part sizes grow by <see cref="StreamPartSizeRule"/> from <paramref name="requestedPartSize"/>.</summary>
    /// <exception cref="ArgumentException">The stream needs more than 10,000 parts.</exception>
    public static PartLayout ForGrowingParts(long length, long requestedPartSize)
    {
        long count = StreamPartSizeRule.CountParts(length, requestedPartSize);
        if (count > ResumableUploadRequest.MaxPartCount)
        {
            throw new ArgumentException($"The stream has {length} bytes; with growing parts from {requestedPartSize} bytes, 10,000 parts hold at most {StreamPartSizeRule.MaxLength(requestedPartSize)}.", nameof(length));
        }

        return new PartLayout(length, requestedPartSize, (int)count, grows: true);
    }

    /// <summary>Rebuilds a stored layout, checking that it is one this library could have chosen for the file.</summary>
    public static bool TryRestore(long fileSize, long partSize, int partCount, out PartLayout layout)
    {
        layout = default;
        if (fileSize < 0 || partSize is < ResumableUploadRequest.MinPartSize or > ResumableUploadRequest.MaxPartSize)
        {
            return false;
        }

        long expected = CountParts(fileSize, partSize);
        if (expected > ResumableUploadRequest.MaxPartCount || expected != partCount)
        {
            return false;
        }

        layout = new PartLayout(fileSize, partSize, partCount);
        return true;
    }

    /// <summary>The byte offset of part <paramref name="partNumber"/> (1-based).</summary>
    public long GetOffset(int partNumber)
        => Grows ? StreamPartSizeRule.OffsetOf(partNumber, PartSize) : (partNumber - 1) * PartSize;

    /// <summary>The length of part <paramref name="partNumber"/> (1-based).</summary>
    public long GetLength(int partNumber)
    {
        if (Grows)
        {
            return partNumber < PartCount ? StreamPartSizeRule.SizeOf(partNumber, PartSize) : FileSize - StreamPartSizeRule.OffsetOf(PartCount, PartSize);
        }

        return partNumber < PartCount ? PartSize : FileSize - ((long)(PartCount - 1) * PartSize);
    }

    /// <summary>Describes, for its checkpoint, an upload with this layout.</summary>
    public CheckpointUpload ToCheckpointUpload(CheckpointKey key, string uploadId, string filePath)
        => new(key, uploadId, filePath, FileSize, PartSize, PartCount);

    /// <summary>At least one part, even for an empty file (its single part is empty).</summary>
    private static int CountParts(long fileSize, long partSize)
        => (int)Math.Min(int.MaxValue, Math.Max(1, (fileSize + partSize - 1) / partSize));
}
