using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>
/// The client child process: one upload, either through <see cref="OssClient.ResumableUploadAsync"/> ("engine")
/// or through the bare loop ("loop"), measured alone: wall time, CPU time, peak working set, managed allocations.
/// </summary>
internal static class ClientProcess
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        string file = arguments.File ?? throw new ArgumentException("--file is required");
        var endpoint = new Uri(arguments.Endpoint ?? throw new ArgumentException("--endpoint is required"));
        long length = new FileInfo(file).Length;
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = endpoint,
            Region = "cn-hangzhou",
            Credentials = OssTestCredential.Default.ToCredentialsProvider(),
        });

        if (arguments.Mode == "idle")
        {
            // The runtime's own footprint: a client that sends one small request and nothing else.
            await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = ServerProcess.Bucket });
            using Process idle = Process.GetCurrentProcess();
            Console.WriteLine("RESULT " + new RunMetrics("idle", 1, 1, idle.TotalProcessorTime.TotalSeconds, idle.PeakWorkingSet64, GC.GetTotalAllocatedBytes(precise: true)).ToJson());
            return 0;
        }

        // Measure the steady state of a long-lived process, for both modes alike:
        // 1. 64 small parts, so that the per-part code paths pass the tiered JIT's call-count threshold;
        // 2. uploads at the real part size for at least 3 s (and 3 rounds), so that the tiered JIT has promoted the
        //    hot code (the managed, vectorized CRC-64 above all) to its optimized tier and the buffer pool holds its
        //    buffers; a short-lived process pays this once, see docs/performance.md;
        // 3. a pause for the last background compilations.
        long jitWarmup = Math.Min(length, 64L * 128 * 1024);
        await UploadAsync(arguments with { PartSize = Math.Min(arguments.PartSize, 128 * 1024) }, client, endpoint, file, jitWarmup, "jit");
        long warmup = Math.Min(length, Math.Max(2L * arguments.Concurrency * arguments.PartSize, 64L << 20));
        var warming = Stopwatch.StartNew();
        for (int round = 0; round < 3 || warming.Elapsed < TimeSpan.FromSeconds(3); round++)
        {
            await UploadAsync(arguments, client, endpoint, file, warmup, "warmup");
        }

        await Task.Delay(500);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using Process self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        await UploadAsync(arguments, client, endpoint, file, length, "run");

        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        self.Refresh();
        var metrics = new RunMetrics(arguments.Mode, length, clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds, self.PeakWorkingSet64, allocated);
        Console.WriteLine("RESULT " + metrics.ToJson());
        return 0;
    }

    private static Task UploadAsync(BenchmarkArguments arguments, OssClient client, Uri endpoint, string file, long length, string tag)
        => arguments.Mode switch
        {
            "engine" => EngineAsync(arguments, client, file, length, tag),
            "loop" => BareLoopAsync(arguments, client, endpoint, file, length, tag),
            "primitives" => PrimitivesLoopAsync(arguments, client, file, length, tag),
            _ => throw new ArgumentException($"unknown mode {arguments.Mode}"),
        };

    private static async Task EngineAsync(BenchmarkArguments arguments, OssClient client, string file, long length, string tag)
    {
        string source = file;
        if (length < new FileInfo(file).Length)
        {
            source = file + "." + length.ToString(CultureInfo.InvariantCulture) + ".warmup";
            await CopyPrefixAsync(file, source, length);
        }

        await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = ServerProcess.Bucket,
            ObjectKey = $"engine-{tag}-{Guid.NewGuid():N}",
            UploadFilePath = source,
            PartSize = arguments.PartSize,
            MaxConcurrency = arguments.Concurrency,
            UseSinglePutForSmallFiles = false,
        });
    }

    /// <summary>
    /// The ceiling: read each part into a pooled buffer, compute its MD5, PUT it with HttpClient, at the same
    /// concurrency. No checkpoint, no CRC, no signing, no retries.
    /// </summary>
    private static async Task BareLoopAsync(BenchmarkArguments arguments, OssClient client, Uri endpoint, string file, long length, string tag)
    {
        string key = $"loop-{tag}-{Guid.NewGuid():N}";
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = ServerProcess.Bucket, ObjectKey = key });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };
        string[] etags = await SendPartsAsync(arguments, file, length, async (partNumber, part) =>
        {
            using var content = new ReadOnlyMemoryContent(part);
            content.Headers.ContentMD5 = MD5.HashData(part.Span);
            var uri = new Uri(endpoint, $"/{ServerProcess.Bucket}/{key}?partNumber={partNumber.ToString(CultureInfo.InvariantCulture)}&uploadId={Uri.EscapeDataString(upload.UploadId)}");
            using HttpResponseMessage response = await http.PutAsync(uri, content);
            response.EnsureSuccessStatusCode();
            return response.Headers.ETag?.Tag ?? throw new InvalidOperationException("no ETag");
        });
        await CompleteAsync(client, key, upload.UploadId, etags);
    }

    /// <summary>
    /// The bare loop's structure, but each part goes through the library's transport (signing, retries pipeline,
    /// Content-MD5, ETag check) instead of a plain PUT: separates the transport's cost from the engine's.
    /// </summary>
    private static async Task PrimitivesLoopAsync(BenchmarkArguments arguments, OssClient client, string file, long length, string tag)
    {
        string key = $"primitives-{tag}-{Guid.NewGuid():N}";
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = ServerProcess.Bucket, ObjectKey = key });
        Resumable.IMultipartOperations operations = client.Operations;
        string[] etags = await SendPartsAsync(arguments, file, length, async (partNumber, part) =>
        {
            UploadPartResult result = await operations.UploadPartAsync(
                new Resumable.PartUpload
                {
                    BucketName = ServerProcess.Bucket,
                    ObjectKey = key,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    Content = Resumable.PartContent.FromBuffer(part),
                    ContentMd5 = new Hashing.Md5Digest(MD5.HashData(part.Span)),
                },
                CancellationToken.None);
            return result.ETag;
        });
        await CompleteAsync(client, key, upload.UploadId, etags);
    }

    /// <summary>Workers at the requested concurrency read parts into pooled buffers and hand each to <paramref name="sendPart"/>; returns the ETags.</summary>
    private static async Task<string[]> SendPartsAsync(BenchmarkArguments arguments, string file, long length, Func<int, ReadOnlyMemory<byte>, Task<string>> sendPart)
    {
        using SafeFileHandle handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        int parts = (int)((length + arguments.PartSize - 1) / arguments.PartSize);
        int next = 0;
        var etags = new string[parts];

        async Task WorkerAsync()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)arguments.PartSize);
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next) - 1) < parts)
                {
                    long offset = index * arguments.PartSize;
                    int size = (int)Math.Min(arguments.PartSize, length - offset);
                    int read = 0;
                    while (read < size)
                    {
                        read += await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, size - read), offset + read);
                    }

                    etags[index] = await sendPart(index + 1, buffer.AsMemory(0, size));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, arguments.Concurrency).Select(_ => Task.Run(WorkerAsync)));
        return etags;
    }

    private static Task<CompleteMultipartUploadResult> CompleteAsync(OssClient client, string key, string uploadId, string[] etags)
        => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = ServerProcess.Bucket,
            ObjectKey = key,
            UploadId = uploadId,
            Parts = etags.Select((etag, i) => new PartETag(i + 1, etag)).ToArray(),
        });

    private static async Task CopyPrefixAsync(string source, string destination, long length)
    {
        if (File.Exists(destination) && new FileInfo(destination).Length == length)
        {
            return;
        }

        await using FileStream input = File.OpenRead(source);
        await using FileStream output = File.Create(destination);
        byte[] buffer = new byte[1 << 20];
        long remaining = length;
        while (remaining > 0)
        {
            int read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
            await output.WriteAsync(buffer.AsMemory(0, read));
            remaining -= read;
        }
    }
}
