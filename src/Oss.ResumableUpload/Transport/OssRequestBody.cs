using System.Net;
using Microsoft.Win32.SafeHandles;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// A request body that can be sent again on every retry. Each attempt gets a fresh <see cref="HttpContent"/>
/// that reports, through the callback, how many of its bytes have been handed to the socket in that attempt.
/// </summary>
internal abstract class OssRequestBody
{
    /// <summary>The size of the chunks written to the socket, and so the granularity of progress reports.</summary>
    public const int WriteChunkSize = 64 * 1024;

    public abstract long Length { get; }

    /// <param name="bytesSentInAttempt">Called with the running count of this body's bytes written in the current attempt.</param>
    public abstract HttpContent CreateContent(Action<long>? bytesSentInAttempt);

    /// <summary>The body that sends the engine's part content: its buffer, or its file range streamed on every attempt.</summary>
    public static OssRequestBody From(Resumable.PartContent content)
        => content.File is { } file ? new FileRangeRequestBody(file, content.Offset, content.Length)
            : content.Segments is { } segments ? new SegmentedRequestBody(segments, content.Length)
            : new MemoryRequestBody(content.Buffer);
}

/// <summary>A body held in memory (a pooled part buffer, an XML document).</summary>
/// <param name="content">The bytes to send.</param>
/// <param name="isObjectData">False for a request document (XML), whose bytes are not counted as object bytes sent.</param>
internal sealed class MemoryRequestBody(ReadOnlyMemory<byte> content, bool isObjectData = true) : OssRequestBody
{
    public ReadOnlyMemory<byte> Content { get; } = content;

    public override long Length => Content.Length;

    public override HttpContent CreateContent(Action<long>? bytesSentInAttempt) => new MemoryContent(Content, bytesSentInAttempt, isObjectData);

    private sealed class MemoryContent(ReadOnlyMemory<byte> content, Action<long>? progress, bool isObjectData) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            bool counted = isObjectData && OssMetrics.BytesSent.Enabled;
            if (progress is null && !counted)
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                return;
            }

            int offset = 0;
            while (offset < content.Length)
            {
                int count = Math.Min(WriteChunkSize, content.Length - offset);
                await stream.WriteAsync(content.Slice(offset, count), cancellationToken).ConfigureAwait(false);
                offset += count;
                BytesSentMeter.Add(counted, count);
                progress?.Invoke(offset);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = content.Length;
            return true;
        }
    }
}

/// <summary>
/// A range of a file, streamed from disk on every attempt, for parts too large to hold in memory.
/// The caller computes Content-MD5 in a first pass; if the file changes before the bytes are sent, the server
/// answers InvalidDigest, so a changed file can never be stored under the first pass's hash.
/// </summary>
internal sealed class FileRangeRequestBody(SafeFileHandle file, long offset, long length) : OssRequestBody
{
    public override long Length => length;

    public override HttpContent CreateContent(Action<long>? bytesSentInAttempt) => new FileRangeContent(file, offset, length, bytesSentInAttempt);

    private sealed class FileRangeContent(SafeFileHandle file, long offset, long length, Action<long>? progress) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(WriteChunkSize * 4);
            try
            {
                long sent = 0;
                while (sent < length)
                {
                    int want = (int)Math.Min(buffer.Length, length - sent);
                    int read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, want), offset + sent, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new OssClientException(OssClientErrorCode.FileChanged, "The file became shorter while a part was being uploaded.");
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    sent += read;
                    BytesSentMeter.Add(counted: true, read);
                    progress?.Invoke(sent);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
