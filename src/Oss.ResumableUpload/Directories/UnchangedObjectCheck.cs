using System.Buffers;
using System.Runtime.CompilerServices;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Directories;

/// <summary>Tells whether the server already holds a file: the object's size and CRC-64 against the file's (computed only when the sizes match) or against the manifest's record.</summary>
internal sealed class UnchangedObjectCheck(IMultipartOperations operations)
{
    private const int ReadChunk = 128 * 1024;

    /// <summary>True when the object exists with the size and CRC-64 the manifest recorded (ETag when it recorded no CRC-64).</summary>
    public async Task<bool> MatchesRecordAsync(string bucketName, string objectKey, ManifestFileRecord record, CancellationToken cancellationToken)
    {
        HeadObjectResult? head = await operations.HeadObjectAsync(bucketName, objectKey, cancellationToken).ConfigureAwait(false);
        return head is not null
               && head.ContentLength == record.Size
               && (record.Crc64 is ulong crc ? head.HashCrc64Ecma == crc : string.Equals(head.ETag, record.ETag, StringComparison.Ordinal));
    }

    /// <summary>The object's ETag and CRC-64 when it exists with the file's size and CRC-64; else null.</summary>
    public async Task<HeadObjectResult?> FindSameAsync(string bucketName, string objectKey, LocalTreeFile file, CancellationToken cancellationToken)
    {
        HeadObjectResult? head = await operations.HeadObjectAsync(bucketName, objectKey, cancellationToken).ConfigureAwait(false);
        if (head is null || head.ContentLength != file.Size || head.HashCrc64Ecma is not ulong serverCrc)
        {
            return null;
        }

        return await ComputeCrc64Async(file.FullPath, file.Size, cancellationToken).ConfigureAwait(false) == serverCrc ? head : null;
    }

    /// <summary>The CRC-64 of the file's first <paramref name="length"/> bytes; null when the file is shorter now.</summary>
    private static async Task<ulong?> ComputeCrc64Async(string path, long length, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using ConfiguredAsyncDisposable disposeStream = stream.ConfigureAwait(false);
            var hasher = OssCrc64.CreateHasher();
            long done = 0;
            while (done < length)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return null;
                }

                hasher.Append(buffer.AsSpan(0, read));
                done += read;
            }

            return stream.Length == length ? hasher.GetCurrentHashAsUInt64() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
