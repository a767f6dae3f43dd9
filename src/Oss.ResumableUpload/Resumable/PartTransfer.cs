using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Moves one part from the file to the server: reads it, computes MD5 and CRC-64 in one pass, sends it with
/// Content-MD5, and checks the reply's CRC-64 against the local bytes (the port checks the ETag against the MD5).
/// </summary>
/// <remarks>
/// Parts up to <c>streamingThreshold</c> are read into a pooled buffer, so memory stays near the parts in flight × PartSize (the concurrency gate bounds them).
/// Larger parts of a file (up to 5 GiB) are hashed in 1 MiB chunks and then streamed from the file, so they need no
/// buffer of their size (a seekable stream's large parts are held in pooled segments: it has no handle to stream from); if the file changes between the two passes the server rejects the Content-MD5. Every buffer comes
/// from <c>bufferPool</c> and goes back to it, whatever happens (the engine tests check that with a tracking pool).
/// </remarks>
internal sealed class PartTransfer(IMultipartOperations operations, UploadSource source, PartLayout layout, long streamingThreshold, ArrayPool<byte> bufferPool, long? trafficLimit = null)
{
    /// <summary>Parts larger than this stream from the file instead of a buffer.</summary>
    public const long DefaultStreamingThreshold = 64L * 1024 * 1024;

    private const int HashChunkSize = 1024 * 1024;

    public async Task<CompletedPart> UploadAsync(string bucketName, string objectKey, string uploadId, int partNumber, Action<long>? bytesSentInAttempt, CancellationToken cancellationToken)
    {
        using Activity? activity = UploadTelemetry.StartPart(uploadId, partNumber, layout.GetLength(partNumber));
        try
        {
            using PreparedRange prepared = await PrepareAsync(partNumber, cancellationToken).ConfigureAwait(false);
            UploadPartResult result = await operations.UploadPartAsync(
                new PartUpload
                {
                    BucketName = bucketName,
                    ObjectKey = objectKey,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    Content = prepared.Content,
                    ContentMd5 = prepared.Hash.Md5,
                    TrafficLimit = trafficLimit,
                    BytesSentInAttempt = bytesSentInAttempt,
                },
                cancellationToken).ConfigureAwait(false);

            // The port has already checked the ETag against the MD5 it sent (IMultipartOperations.UploadPartAsync).
            if (result.HashCrc64Ecma is ulong serverCrc && serverCrc != prepared.Hash.Crc64)
            {
                throw new OssClientException(
                    OssClientErrorCode.ChecksumMismatch,
                    string.Create(CultureInfo.InvariantCulture, $"The server stored part {partNumber} of upload {uploadId} with CRC-64 {serverCrc}, but the part's CRC-64 is {prepared.Hash.Crc64} (RequestId {result.RequestId})."));
            }

            UploadTelemetry.PartUploaded();
            return new CompletedPart(partNumber, layout.GetLength(partNumber), result.ETag, prepared.Hash.Crc64);
        }
        catch (Exception ex) when (UploadTelemetry.PartFailed(activity, ex, cancellationToken))
        {
            throw; // Not reached: the filter marks the span and lets the exception pass.
        }
    }

    /// <summary>Reads a part and returns its content and hashes; dispose the result to return its buffer.</summary>
    public async Task<PreparedRange> PrepareAsync(int partNumber, CancellationToken cancellationToken)
    {
        long offset = layout.GetOffset(partNumber);
        long length = layout.GetLength(partNumber);
        if (length > streamingThreshold && source.FileHandle is { } file)
        {
            PartHash streamedHash = await HashRangeAsync(offset, length, cancellationToken).ConfigureAwait(false);
            source.EnsureUnchanged();
            return new PreparedRange(PartContent.FromFileRange(file, offset, length), streamedHash, null);
        }

        // A stream has no handle to stream a large part from: the part is held in pooled segments instead.
        PooledPartBuffer buffer = PooledPartBuffer.Rent(bufferPool, length);
        try
        {
            await buffer.FillAsync(source, offset, cancellationToken).ConfigureAwait(false);
            source.EnsureUnchanged();
            return new PreparedRange(buffer.ToContent(), buffer.ComputeHash(), buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Hashes a part's local bytes in chunks, without holding the part in memory.</summary>
    public async Task<PartHash> HashAsync(int partNumber, CancellationToken cancellationToken)
    {
        PartHash hash = await HashRangeAsync(layout.GetOffset(partNumber), layout.GetLength(partNumber), cancellationToken).ConfigureAwait(false);
        source.EnsureUnchanged();
        return hash;
    }

    private async Task<PartHash> HashRangeAsync(long offset, long length, CancellationToken cancellationToken)
    {
        byte[] chunk = bufferPool.Rent((int)Math.Min(HashChunkSize, Math.Max(1, length)));
        try
        {
            using var hasher = new PartHasher();
            long done = 0;
            while (done < length)
            {
                int count = (int)Math.Min(chunk.Length, length - done);
                await source.ReadExactlyAsync(offset + done, chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                hasher.Append(chunk.AsSpan(0, count));
                done += count;
            }

            return hasher.GetHashAndReset();
        }
        finally
        {
            bufferPool.Return(chunk);
        }
    }
}
