using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Benchmarks.EndToEnd;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Benchmarks.Scenarios;

/// <summary>
/// Scenario measurements against an in-process OssTestServer (discard mode):
/// resume start for 10,000 parts, checkpoint bytes written during a 10,000-part upload, and cancel latency
/// with 4 parts in flight against a slow server.
/// </summary>
internal static class ScenarioBenchmarks
{
    private const long PartSize = 100 * 1024;
    private const int PartCount = 10_000;

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var options = new OssTestServerOptions { StorageMode = OssTestStorageMode.Discard };
        options.Buckets.Add(ServerProcess.Bucket);
        await using OssTestServer server = await OssTestServer.StartAsync(options);
        using var client = new OssClient(server.CreateClientOptions());

        await ResumeStartAndCheckpointBytesAsync(server, client);
        for (int i = 0; i < Math.Max(1, arguments.Repeats); i++)
        {
            await CancelLatencyAsync(server, client, UploadCancelBehavior.KeepForResume);
            await CancelLatencyAsync(server, client, UploadCancelBehavior.Abort);
        }

        return 0;
    }

    /// <summary>
    /// Uploads 10,000 parts of 100 KiB with a counting checkpoint store, but fails the Complete once so that the
    /// checkpoint and the upload stay. Reports the checkpoint bytes written; then resumes and reports the time from
    /// the call to its first progress report (checkpoint load + fingerprint + ListParts of 10,000 parts + reconcile).
    /// </summary>
    private static async Task ResumeStartAndCheckpointBytesAsync(OssTestServer server, OssClient client)
    {
        string file = BenchmarkFile.Ensure(PartSize * PartCount);
        var store = new CountingCheckpointStore(new InMemoryCheckpointStore());
        var request = new ResumableUploadRequest
        {
            BucketName = ServerProcess.Bucket,
            ObjectKey = "scenario-10000-parts.bin",
            UploadFilePath = file,
            PartSize = PartSize,
            MaxConcurrency = 8,
            CheckpointStore = store,
        };

        server.Faults.FailNext(OssOperationKind.CompleteMultipartUpload, 1, 400, "InvalidArgument");
        var clock = Stopwatch.StartNew();
        try
        {
            await client.ResumableUploadAsync(request);
            throw new InvalidOperationException("the injected Complete failure did not happen");
        }
        catch (OssServiceException ex) when (ex.ErrorCode == "InvalidArgument")
        {
        }

        double uploadSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000-part upload (100 KiB parts, concurrency 8): {uploadSeconds:0.00} s, {store.Saves} checkpoint saves, {store.BytesWritten / 1024.0:0.0} KiB written, final checkpoint {store.LastSize / 1024.0:0.0} KiB, ratio {store.BytesWritten / (double)store.LastSize:0.00}x"));

        long firstReport = 0;
        var resumed = new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = file,
            PartSize = PartSize,
            MaxConcurrency = 8,
            CheckpointStore = store,
            Progress = new SynchronousProgress(_ => Interlocked.CompareExchange(ref firstReport, Stopwatch.GetTimestamp(), 0)),
        };
        long start = Stopwatch.GetTimestamp();
        ResumableUploadResult result = await client.ResumableUploadAsync(resumed);
        long end = Stopwatch.GetTimestamp();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resume start (10,000 parts; load + fingerprint + ListParts + reconcile, to the first progress report): {Stopwatch.GetElapsedTime(start, firstReport).TotalMilliseconds:0} ms; whole resumed call incl. Complete: {Stopwatch.GetElapsedTime(start, end).TotalMilliseconds:0} ms; resumed {result.ResumedBytes} bytes"));
    }

    /// <summary>Starts an upload whose parts the server holds for 30 s, cancels once 4 are in flight, and times the cancel.</summary>
    private static async Task CancelLatencyAsync(OssTestServer server, OssClient client, UploadCancelBehavior behavior)
    {
        string file = BenchmarkFile.Ensure(64L << 20);
        OssFault delay = server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromSeconds(30), count: 1000);
        using var cancel = new CancellationTokenSource();
        Task upload = client.ResumableUploadAsync(
            new ResumableUploadRequest
            {
                BucketName = ServerProcess.Bucket,
                ObjectKey = "scenario-cancel-" + behavior,
                UploadFilePath = file,
                PartSize = 8L << 20,
                MaxConcurrency = 4,
                CancelBehavior = behavior,
                CheckpointStore = new InMemoryCheckpointStore(),
            },
            cancel.Token);

        while (delay.TimesTriggered < 4)
        {
            await Task.Delay(10);
        }

        long start = Stopwatch.GetTimestamp();
        await cancel.CancelAsync();
        try
        {
            await upload;
        }
        catch (OperationCanceledException)
        {
        }

        TimeSpan latency = Stopwatch.GetElapsedTime(start);
        delay.Cancel();
        server.Faults.Clear();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cancel latency with 4 parts in flight ({behavior}): {latency.TotalMilliseconds:0.0} ms"));
    }

    private sealed class SynchronousProgress(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }

    /// <summary>Counts what the engine writes to its checkpoint store.</summary>
    private sealed class CountingCheckpointStore(ICheckpointStore inner) : ICheckpointStore
    {
        private long _bytes;
        private long _last;
        private int _saves;

        public long BytesWritten => Interlocked.Read(ref _bytes);

        public long LastSize => Interlocked.Read(ref _last);

        public int Saves => Volatile.Read(ref _saves);

        public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default) => inner.LoadAsync(key, cancellationToken);

        public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
        {
            long size = System.Text.Encoding.UTF8.GetByteCount(checkpointJson);
            Interlocked.Add(ref _bytes, size);
            Interlocked.Exchange(ref _last, size);
            Interlocked.Increment(ref _saves);
            return inner.SaveAsync(key, checkpointJson, cancellationToken);
        }

        public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default) => inner.ListAsync(bucketName, objectKey, cancellationToken);
    }
}
