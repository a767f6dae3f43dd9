using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary><see cref="UploadPartRequest.TrafficLimit"/>: sent as x-oss-traffic-limit, enforced by the server, validated before any request.</summary>
public sealed class UploadPartTrafficLimitTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task ThePrimitiveSendsTheLimitAndTheServerReadsNoFasterThanIt()
    {
        const long limit = 819_200; // 100 KiB/s: a 100 KiB part takes at least a second
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var sent = new ConcurrentQueue<string?>();
        OssClient client = harness.CreateHookedClient((message, _) =>
        {
            if (EndToEndHarness.PartNumberOf(message) is not null)
            {
                sent.Enqueue(message.Headers.TryGetValues("x-oss-traffic-limit", out IEnumerable<string>? values) ? string.Join(",", values) : null);
            }

            return Task.CompletedTask;
        });
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "limit/part.bin" });
        byte[] content = EndToEndHarness.Content(P, seed: 301);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        UploadPartResult part = await client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "limit/part.bin",
            UploadId = upload.UploadId,
            PartNumber = 1,
            Content = new MemoryStream(content),
            TrafficLimit = limit,
        });
        clock.Stop();

        // One failure in a full run on a loaded machine (2026-12-02) could not be reproduced; say what was sent if it recurs.
        Assert.True(sent.Count == 1, $"{sent.Count} attempts in {clock.Elapsed.TotalMilliseconds:F0} ms, headers [{string.Join("; ", sent)}]");
        Assert.Equal("819200", Assert.Single(sent));
        Assert.Equal(EndToEndHarness.Crc64(content), part.HashCrc64Ecma);
        double bitsPerSecond = content.Length * 8.0 / clock.Elapsed.TotalSeconds;
        Assert.True(bitsPerSecond <= limit, $"{content.Length} bytes in {clock.Elapsed.TotalMilliseconds:F0} ms is {bitsPerSecond:F0} bit/s, over the {limit} bit/s limit.");
        Assert.Equal(content.Length, harness.Server.GetPartBytesReceived(upload.UploadId, 1));
    }

    [Fact]
    public async Task WithoutALimitNoHeaderIsSent()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var sent = new ConcurrentQueue<bool>();
        OssClient client = harness.CreateHookedClient((message, _) =>
        {
            if (EndToEndHarness.PartNumberOf(message) is not null)
            {
                sent.Enqueue(message.Headers.Contains("x-oss-traffic-limit"));
            }

            return Task.CompletedTask;
        });
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "limit/none.bin" });

        await client.UploadPartAsync(new UploadPartRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "limit/none.bin", UploadId = upload.UploadId, PartNumber = 1, Content = new MemoryStream([1, 2, 3]) });

        Assert.False(Assert.Single(sent));
    }

    [Theory]
    [InlineData(819_199L)]
    [InlineData(838_860_801L)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public async Task ALimitOutOfRangeThrowsBeforeAnyRequest(long limit)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "limit/invalid.bin",
            UploadId = "U1",
            PartNumber = 1,
            Content = new MemoryStream([1]),
            TrafficLimit = limit,
        }));

        Assert.Contains("UploadPartRequest.TrafficLimit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }
}
