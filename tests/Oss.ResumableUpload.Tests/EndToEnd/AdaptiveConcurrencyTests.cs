using Oss.ResumableUpload.Testing;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// Adaptive concurrency over real HTTP: a server that answers every UploadPart 50 ms late is a far link in miniature
/// (latency-bound, so more parts in flight move more bytes). The parts in flight are counted at the client's HTTP
/// handler, under the engine, as well as in <see cref="ResumableUploadResult.PeakConcurrency"/>.
/// </summary>
public sealed class AdaptiveConcurrencyTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task A_slow_server_gets_more_parts_in_flight_than_MaxConcurrency_within_the_memory_cap()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(50), count: OssFaultInjector.Always);
        string path = harness.CreateFile(200 * P);
        var logs = new ListLoggerFactory();
        var handler = new TrafficHandler();
        using (OssClient client = CreateClient(harness, handler, logs, out HttpClient http))
        using (http)
        {
            // 1 MiB ÷ 100 KiB: at most 10 parts in flight.
            ResumableUploadResult result = await client.ResumableUploadAsync(Request(path, concurrency: 2, memoryLimit: 1024 * 1024));

            Assert.True(result.IsCrc64Verified);
            Assert.Equal(200L * P, result.ContentLength);
            Assert.InRange(result.PeakConcurrency, 3, 10);
        }

        Assert.InRange(handler.PeakPutsInFlight, 3, 10);
        Assert.True(logs.Has(OssDiagnostics.EventIds.ConcurrencyRaised), logs.AllText);
        Assert.Equal(200, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Fact]
    public async Task With_adaptive_concurrency_off_the_parts_in_flight_never_exceed_MaxConcurrency()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(50), count: OssFaultInjector.Always);
        string path = harness.CreateFile(60 * P);
        var logs = new ListLoggerFactory();
        var handler = new TrafficHandler();
        using (OssClient client = CreateClient(harness, handler, logs, out HttpClient http))
        using (http)
        {
            ResumableUploadResult result = await client.ResumableUploadAsync(Request(path, concurrency: 2, adaptive: false));

            Assert.True(result.IsCrc64Verified);
            Assert.Equal(2, result.PeakConcurrency);
        }

        Assert.Equal(2, handler.PeakPutsInFlight);
        Assert.False(logs.Has(OssDiagnostics.EventIds.ConcurrencyRaised));
    }

    [Fact]
    public async Task Failed_attempts_that_are_retried_do_not_break_the_upload_or_the_cap()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(30), count: OssFaultInjector.Always);
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, count: 3, statusCode: 503, errorCode: "ServiceUnavailable");
        string path = harness.CreateFile(80 * P);
        var handler = new TrafficHandler();
        using (OssClient client = CreateClient(harness, handler, new ListLoggerFactory(), out HttpClient http))
        using (http)
        {
            ResumableUploadResult result = await client.ResumableUploadAsync(Request(path, concurrency: 2, memoryLimit: 6 * P));

            Assert.True(result.IsCrc64Verified);
            Assert.InRange(result.PeakConcurrency, 2, 6);
        }

        Assert.InRange(handler.PeakPutsInFlight, 1, 6);
        Assert.Equal(80 + 3, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Fact]
    public async Task A_seekable_stream_adapts_like_a_file_and_a_non_seekable_one_keeps_MaxConcurrency()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(50), count: OssFaultInjector.Always);
        byte[] content = EndToEndHarness.Content(150 * P, seed: 5);
        var handler = new TrafficHandler();
        using OssClient client = CreateClient(harness, handler, new ListLoggerFactory(), out HttpClient http);
        using (http)
        {
            using var seekable = new MemoryStream(content);
            ResumableUploadResult adapted = await client.ResumableUploadAsync(StreamRequest(seekable, "adaptive/seekable.bin"));
            Assert.True(adapted.IsCrc64Verified);
            Assert.InRange(adapted.PeakConcurrency, 3, 10);

            ResumableUploadResult fixedCount = await client.ResumableUploadAsync(StreamRequest(new NonSeekableStream(content.AsSpan(0, 40 * P).ToArray()), "adaptive/sequential.bin"));
            Assert.True(fixedCount.IsCrc64Verified);
            Assert.Equal(2, fixedCount.PeakConcurrency);
        }
    }

    [Fact]
    public async Task A_single_put_reports_one_part_in_flight()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(P / 2);
        using OssClient client = harness.CreateClient();

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path));

        Assert.Null(result.UploadId);
        Assert.Equal(1, result.PeakConcurrency);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData((16L << 30) + 1)]
    public async Task An_adaptive_memory_limit_out_of_range_is_refused_before_any_request(long limit)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P);
        using OssClient client = harness.CreateClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ResumableUploadAsync(Request(path, concurrency: 2, memoryLimit: limit)));

        Assert.Empty(harness.Server.Requests.Snapshot());
    }

    private static ResumableUploadRequest Request(string path, int concurrency, bool adaptive = true, long memoryLimit = 64 * 1024 * 1024) => new()
    {
        BucketName = EndToEndHarness.Bucket,
        ObjectKey = "adaptive/object.bin",
        UploadFilePath = path,
        PartSize = P,
        MaxConcurrency = concurrency,
        AdaptiveConcurrency = adaptive,
        AdaptiveMemoryLimit = memoryLimit,
    };

    private static ResumableUploadRequest StreamRequest(Stream stream, string key) => new()
    {
        BucketName = EndToEndHarness.Bucket,
        ObjectKey = key,
        UploadStream = stream,
        PartSize = P,
        MaxConcurrency = 2,
        AdaptiveMemoryLimit = 10 * P,
    };

    private static OssClient CreateClient(EndToEndHarness harness, TrafficHandler handler, ListLoggerFactory logs, out HttpClient http)
    {
        handler.InnerHandler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        return new OssClient(harness.ClientOptions(loggerFactory: logs), http);
    }
}
