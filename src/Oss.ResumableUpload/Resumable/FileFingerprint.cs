using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Identifies one version of a local file cheaply, in O(1) whatever its size: its full path, size and last-write
/// time, and the XxHash128 of three 64 KiB samples (the first, the middle and the last; the whole file when it is
/// at most 192 KiB). A change that keeps the size, the last-write time and the sampled bytes is not seen here;
/// every part's MD5 is still checked by the server, and the object's CRC-64 after Complete.
/// </summary>
internal static class FileFingerprint
{
    public const int SampleSize = 64 * 1024;

    private const string Version = "v1";

    /// <param name="source">The open file.</param>
    /// <param name="bufferPool">Where the sample buffer is rented from.</param>
    /// <param name="cancellationToken">Cancels the sample reads.</param>
    public static async ValueTask<string> ComputeAsync(FileUploadSource source, ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes(source.FullPath));
        Span<byte> numbers = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(numbers, source.Length);
        BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], source.LastWriteTimeUtc.Ticks);
        hash.Append(numbers);

        byte[] buffer = bufferPool.Rent(SampleSize);
        try
        {
            foreach ((long offset, int length) in GetSamples(source.Length))
            {
                Memory<byte> sample = buffer.AsMemory(0, length);
                await source.ReadExactlyAsync(offset, sample, cancellationToken).ConfigureAwait(false);
                hash.Append(sample.Span);
            }
        }
        finally
        {
            bufferPool.Return(buffer);
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Version}-{source.Length:x}-{source.LastWriteTimeUtc.Ticks:x}-{hash.GetCurrentHashAsUInt128():x32}");
    }

    /// <summary>The sampled ranges: the whole file when it is small, else the first, middle and last 64 KiB.</summary>
    internal static IEnumerable<(long Offset, int Length)> GetSamples(long fileLength)
    {
        if (fileLength <= 3L * SampleSize)
        {
            for (long offset = 0; offset < fileLength; offset += SampleSize)
            {
                yield return (offset, (int)Math.Min(SampleSize, fileLength - offset));
            }

            yield break;
        }

        yield return (0, SampleSize);
        yield return ((fileLength / 2) - (SampleSize / 2), SampleSize);
        yield return (fileLength - SampleSize, SampleSize);
    }
}
