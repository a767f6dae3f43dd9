namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The part sizes of a stream whose length is unknown until its end (a non-seekable stream): the requested part size
/// for the first <see cref="PartsPerDoubling"/> parts, then twice that for the next 50, and so on, capped at 5 GiB.
/// The rule is deterministic, so the sizes of every part follow from the requested size alone, and once the end of the
/// stream is reached the whole layout follows from the length.
/// </summary>
/// <remarks>
/// With the smallest part size, 100 KiB, 10,000 parts hold 49.7 TB (48.8 TB is 10,000 × 5 GiB, decimal: 53.7 × 10^12
/// bytes is the absolute limit, so the doubling interval is chosen to keep at least 48.8 × 10^12 reachable); with the
/// default 1 MiB they hold 50.6 TB. A larger requested size only reaches further.
/// </remarks>
internal static class StreamPartSizeRule
{
    /// <summary>How many parts share one size before it doubles.</summary>
    public const int PartsPerDoubling = 50;

    /// <summary>The size of part <paramref name="partNumber"/> (1-based) for the requested size.</summary>
    public static long SizeOf(int partNumber, long requestedPartSize)
    {
        int doublings = (partNumber - 1) / PartsPerDoubling;
        long size = requestedPartSize;
        for (int i = 0; i < doublings && size < ResumableUploadRequest.MaxPartSize; i++)
        {
            size *= 2;
        }

        return Math.Min(size, ResumableUploadRequest.MaxPartSize);
    }

    /// <summary>The offset of part <paramref name="partNumber"/>: the sum of the sizes of the parts before it.</summary>
    public static long OffsetOf(int partNumber, long requestedPartSize)
    {
        long offset = 0;
        int before = partNumber - 1;
        int stage = 0;
        while (before > 0)
        {
            int inStage = Math.Min(before, PartsPerDoubling);
            offset += inStage * SizeOf((stage * PartsPerDoubling) + 1, requestedPartSize);
            before -= inStage;
            stage++;
        }

        return offset;
    }

    /// <summary>How many parts a stream of <paramref name="length"/> bytes takes (at least one: an empty stream has one empty part).</summary>
    public static long CountParts(long length, long requestedPartSize)
    {
        long count = 0;
        long covered = 0;
        while (covered < length || count == 0)
        {
            // Whole stages at a time, so this stays fast even for lengths that need millions of parts.
            long size = SizeOf((int)Math.Min(int.MaxValue, count + 1), requestedPartSize);
            long stageLeft = size == ResumableUploadRequest.MaxPartSize ? long.MaxValue : PartsPerDoubling - (count % PartsPerDoubling);
            long needed = Math.Max(1, (length - covered + size - 1) / size);
            long take = Math.Min(stageLeft, needed);
            count += take;
            covered += take * size;
        }

        return count;
    }

    /// <summary>The most bytes <see cref="ResumableUploadRequest.MaxPartCount"/> parts hold under this rule.</summary>
    public static long MaxLength(long requestedPartSize) => OffsetOf(ResumableUploadRequest.MaxPartCount + 1, requestedPartSize);
}
