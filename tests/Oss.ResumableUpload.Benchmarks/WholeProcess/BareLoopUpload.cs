using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// The ceiling for a whole process: plain HttpClient and the BCL, no library code at all. Initiate, then workers at
/// the given concurrency each read a part into a pooled buffer, compute its MD5 and PUT it with Content-MD5, then
/// Complete. No signing, no CRC-64, no checkpoint, no retries, no checks of the replies beyond the status code.
/// </summary>
internal static class BareLoopUpload
{
    /// <summary>The library's defaults, restated here so that the loop does not load the library to learn them.</summary>
    public const long DefaultPartSize = 1L << 20;

    public const int DefaultConcurrency = 4;

    public static async Task RunAsync(ChildOptions options)
    {
        long partSize = options.PartSize ?? DefaultPartSize;
        int concurrency = options.Concurrency ?? DefaultConcurrency;
        string objectUri = $"{options.Endpoint.AbsoluteUri.TrimEnd('/')}/{options.Bucket}/loop-{Guid.NewGuid():N}";
        using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

        string uploadId;
        using (HttpResponseMessage initiated = await http.PostAsync(objectUri + "?uploads", null))
        {
            initiated.EnsureSuccessStatusCode();
            string xml = await initiated.Content.ReadAsStringAsync();
            int start = xml.IndexOf("<UploadId>", StringComparison.Ordinal) + "<UploadId>".Length;
            uploadId = xml[start..xml.IndexOf("</UploadId>", start, StringComparison.Ordinal)];
        }

        string partUri = objectUri + "?uploadId=" + Uri.EscapeDataString(uploadId) + "&partNumber=";
        using SafeFileHandle handle = File.OpenHandle(options.File, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        long length = RandomAccess.GetLength(handle);
        int parts = (int)Math.Max(1, (length + partSize - 1) / partSize);
        var etags = new string[parts];
        int next = 0;

        async Task WorkerAsync()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(partSize, Math.Max(1, length)));
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next) - 1) < parts)
                {
                    long offset = index * partSize;
                    int size = (int)Math.Min(partSize, length - offset);
                    int read = 0;
                    while (read < size)
                    {
                        int n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, size - read), offset + read);
                        read += n > 0 ? n : throw new EndOfStreamException();
                    }

                    ReadOnlyMemory<byte> part = buffer.AsMemory(0, size);
                    using var content = new ReadOnlyMemoryContent(part);
                    content.Headers.ContentMD5 = MD5.HashData(part.Span);
                    using HttpResponseMessage response = await http.PutAsync(partUri + (index + 1).ToString(CultureInfo.InvariantCulture), content);
                    response.EnsureSuccessStatusCode();
                    etags[index] = response.Headers.ETag?.Tag ?? throw new InvalidOperationException("no ETag");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));

        var body = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < parts; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{i + 1}</PartNumber><ETag>{etags[i]}</ETag></Part>");
        }

        body.Append("</CompleteMultipartUpload>");
        using var completeContent = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/xml"));
        using HttpResponseMessage completed = await http.PostAsync(objectUri + "?uploadId=" + Uri.EscapeDataString(uploadId), completeContent);
        completed.EnsureSuccessStatusCode();
    }
}
