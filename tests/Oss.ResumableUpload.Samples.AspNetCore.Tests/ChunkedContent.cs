using System.Net;

namespace Oss.ResumableUpload.Samples.AspNetCore.Tests;

/// <summary>A request body of unknown length, written in small chunks: HttpClient sends it chunked, with no Content-Length.</summary>
internal sealed class ChunkedContent(byte[] data, int chunkSize = 64 * 1024) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (int offset = 0; offset < data.Length; offset += chunkSize)
        {
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(chunkSize, data.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
