using System.Net;

namespace Oss.ResumableUpload.Samples.AspNetCore.Tests;

/// <summary>
/// A request body of unknown length, written in small chunks: HttpClient sends it chunked, with no Content-Length.
/// With <paramref name="hangAfterData"/> it never ends: after the data it waits until the request is cancelled.
/// </summary>
internal sealed class ChunkedContent(byte[] data, int chunkSize = 64 * 1024, bool hangAfterData = false) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (int offset = 0; offset < data.Length; offset += chunkSize)
        {
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunkSize, data.Length - offset)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        if (hangAfterData)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
