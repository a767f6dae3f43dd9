using System.Net;

namespace Oss.ResumableUpload.Transport;

/// <summary>A body held in memory in several buffers (a part larger than one pooled array), sent in order on every attempt.</summary>
internal sealed class SegmentedRequestBody(IReadOnlyList<ReadOnlyMemory<byte>> segments, long length) : OssRequestBody
{
    public override long Length => length;

    public override HttpContent CreateContent(Action<long>? bytesSentInAttempt) => new SegmentedContent(segments, length, bytesSentInAttempt);

    private sealed class SegmentedContent(IReadOnlyList<ReadOnlyMemory<byte>> segments, long length, Action<long>? progress) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            long sent = 0;
            foreach (ReadOnlyMemory<byte> segment in segments)
            {
                int offset = 0;
                while (offset < segment.Length)
                {
                    int count = Math.Min(WriteChunkSize, segment.Length - offset);
                    await stream.WriteAsync(segment.Slice(offset, count), cancellationToken).ConfigureAwait(false);
                    offset += count;
                    sent += count;
                    progress?.Invoke(sent);
                }
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
