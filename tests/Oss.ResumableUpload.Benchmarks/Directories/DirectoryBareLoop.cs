using System.Security.Cryptography;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// The ceiling for a tree of small files: HttpClient and the BCL only. <c>concurrency</c> workers take the next file,
/// read it whole, compute its MD5 and send one unsigned PutObject with Content-MD5 (the sink does not check
/// signatures). No listing or filtering beyond the known list, no CRC-64, no retries, no checks beyond the status code.
/// </summary>
internal static class DirectoryBareLoop
{
    public static async Task<long> RunAsync(HttpClient http, string endpoint, string bucket, string prefix, BenchmarkTree tree, int concurrency)
    {
        string baseUri = $"{endpoint.TrimEnd('/')}/{bucket}/{prefix}";
        int next = 0;
        long sent = 0;

        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next) - 1) < tree.RelativePaths.Count)
            {
                string relative = tree.RelativePaths[index];
                byte[] body = await File.ReadAllBytesAsync(Path.Combine(tree.Root, relative));
                using var content = new ByteArrayContent(body);
                content.Headers.ContentMD5 = MD5.HashData(body);
                using HttpResponseMessage response = await http.PutAsync(baseUri + relative, content);
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref sent, body.Length);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        return sent;
    }
}
