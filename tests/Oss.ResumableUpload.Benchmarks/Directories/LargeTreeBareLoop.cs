using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// The ceiling for a tree with large files: HttpClient and the BCL only, the plain loop a user would write. Initiate a
/// multipart upload for each large file, then <c>concurrency</c> workers take the next unit of one queue in the tree's
/// order (every part of the first large file, then of the next, ..., then the small files): a part is read into a
/// pooled buffer, hashed (MD5) and sent as UploadPart; a small file is read whole and sent as one PutObject; the worker
/// that finishes a file's last part completes it. Same part size and parts in flight as the library; no signing, no
/// CRC-64, no checkpoints, no retries, no checks beyond the status code. The small files queue behind the large ones.
/// </summary>
internal static class LargeTreeBareLoop
{
    /// <summary>Uploads the tree; returns the bytes sent and when (on <paramref name="clock"/>) the last small file was done.</summary>
    public static async Task<(long Sent, TimeSpan SmallDone)> RunAsync(HttpClient http, string endpoint, string bucket, string prefix, LargeTree tree, long partSize, int concurrency, Stopwatch clock)
    {
        string baseUri = $"{endpoint.TrimEnd('/')}/{bucket}/{prefix}";
        int partsPerFile = (int)((tree.LargeSize + partSize - 1) / partSize);
        var uploads = new LargeUpload[tree.LargePaths.Count];
        for (int i = 0; i < uploads.Length; i++)
        {
            string uri = baseUri + tree.LargePaths[i];
            uploads[i] = new LargeUpload(uri, await InitiateAsync(http, uri), File.OpenHandle(Path.Combine(tree.Root, tree.LargePaths[i]), options: FileOptions.Asynchronous), partsPerFile);
        }

        int units = (uploads.Length * partsPerFile) + tree.SmallPaths.Count;
        int next = 0;
        int smallLeft = tree.SmallPaths.Count;
        long sent = 0;
        long smallDoneTicks = 0;

        async Task WorkerAsync()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)partSize);
            try
            {
                int unit;
                while ((unit = Interlocked.Increment(ref next) - 1) < units)
                {
                    if (unit < uploads.Length * partsPerFile)
                    {
                        LargeUpload upload = uploads[unit / partsPerFile];
                        int index = unit % partsPerFile;
                        long offset = index * partSize;
                        int size = (int)Math.Min(partSize, tree.LargeSize - offset);
                        for (int read = 0; read < size;)
                        {
                            int n = await RandomAccess.ReadAsync(upload.Handle, buffer.AsMemory(read, size - read), offset + read);
                            read += n > 0 ? n : throw new EndOfStreamException();
                        }

                        using var content = new ReadOnlyMemoryContent(buffer.AsMemory(0, size));
                        content.Headers.ContentMD5 = MD5.HashData(buffer.AsSpan(0, size));
                        string query = "?uploadId=" + Uri.EscapeDataString(upload.UploadId) + "&partNumber=" + (index + 1).ToString(CultureInfo.InvariantCulture);
                        using (HttpResponseMessage response = await http.PutAsync(upload.Uri + query, content))
                        {
                            response.EnsureSuccessStatusCode();
                            upload.ETags[index] = response.Headers.ETag?.Tag ?? throw new InvalidOperationException("no ETag");
                        }

                        Interlocked.Add(ref sent, size);
                        if (Interlocked.Decrement(ref upload.PartsLeft) == 0)
                        {
                            await CompleteAsync(http, upload);
                        }
                    }
                    else
                    {
                        string relative = tree.SmallPaths[unit - (uploads.Length * partsPerFile)];
                        byte[] body = await File.ReadAllBytesAsync(Path.Combine(tree.Root, relative));
                        using var content = new ByteArrayContent(body);
                        content.Headers.ContentMD5 = MD5.HashData(body);
                        using HttpResponseMessage response = await http.PutAsync(baseUri + relative, content);
                        response.EnsureSuccessStatusCode();
                        Interlocked.Add(ref sent, body.Length);
                        if (Interlocked.Decrement(ref smallLeft) == 0)
                        {
                            Interlocked.Exchange(ref smallDoneTicks, clock.Elapsed.Ticks);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        }
        finally
        {
            foreach (LargeUpload upload in uploads)
            {
                upload.Handle.Dispose();
            }
        }

        return (sent, TimeSpan.FromTicks(Interlocked.Read(ref smallDoneTicks)));
    }

    private static async Task<string> InitiateAsync(HttpClient http, string uri)
    {
        using HttpResponseMessage initiated = await http.PostAsync(uri + "?uploads", null);
        initiated.EnsureSuccessStatusCode();
        string xml = await initiated.Content.ReadAsStringAsync();
        int start = xml.IndexOf("<UploadId>", StringComparison.Ordinal) + "<UploadId>".Length;
        return xml[start..xml.IndexOf("</UploadId>", start, StringComparison.Ordinal)];
    }

    private static async Task CompleteAsync(HttpClient http, LargeUpload upload)
    {
        var body = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < upload.ETags.Length; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{i + 1}</PartNumber><ETag>{upload.ETags[i]}</ETag></Part>");
        }

        body.Append("</CompleteMultipartUpload>");
        using var content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/xml"));
        using HttpResponseMessage completed = await http.PostAsync(upload.Uri + "?uploadId=" + Uri.EscapeDataString(upload.UploadId), content);
        completed.EnsureSuccessStatusCode();
    }

    private sealed class LargeUpload(string uri, string uploadId, SafeFileHandle handle, int parts)
    {
        public int PartsLeft = parts;

        public string Uri { get; } = uri;

        public string UploadId { get; } = uploadId;

        public SafeFileHandle Handle { get; } = handle;

        public string[] ETags { get; } = new string[parts];
    }
}
