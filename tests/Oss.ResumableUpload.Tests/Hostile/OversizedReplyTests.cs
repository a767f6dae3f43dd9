using System.Diagnostics;

namespace Oss.ResumableUpload.Tests.Hostile;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    /// <summary>Tests that measure process-wide allocations run alone.</summary>
    public const string Name = "Allocation-sensitive";
}

/// <summary>A reply body is read up to a cap (4 MiB by default), never whole: an oversized reply is a typed error.</summary>
[Collection(AllocationCollection.Name)]
public sealed class OversizedReplyTests
{
    private const long Huge = 64L * 1024 * 1024;

    [Fact]
    public async Task A_huge_chunked_initiate_reply_is_an_invalid_response_and_allocates_little()
    {
        using var server = new HostileHttpServer(_ => HostileReply.EndlessChunked(200, "<InitiateMultipartUploadResult><UploadId>", Huge));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3);
        await HostileClient.InitiateAsync(client).ContinueWith(_ => { }, TaskScheduler.Default); // warm up the connection pool and JIT

        long before = GC.GetTotalAllocatedBytes(precise: true);
        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.InRange(allocated, 0, 16L * 1024 * 1024);
        Assert.Contains("4194304", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Received.Count); // the warm-up and one attempt: a broken reply is not retried
        Assert.True(server.BytesWritten < 2 * Huge, $"the client read {server.BytesWritten} bytes of two huge replies");
    }

    [Fact]
    public async Task A_huge_error_reply_is_an_invalid_response_not_a_retried_503()
    {
        using var server = new HostileHttpServer(_ => HostileReply.EndlessChunked(503, "<Error><Code>ServiceUnavailable</Code><Message>", Huge));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Received);
        Assert.True(server.BytesWritten < Huge, $"the client read {server.BytesWritten} bytes");
    }

    [Fact]
    public async Task A_declared_oversized_length_is_refused_before_the_body_arrives()
    {
        // 1 GiB is declared, 1 KiB is sent, then nothing: a client that waited for the body would hit the 30 s timeout.
        using var server = new HostileHttpServer(_ => HostileReply.Declared(200, 1L << 30, "<InitiateMultipartUploadResult>", 1024));
        using OssClient client = HostileClient.Create(server.Endpoint);
        var clock = Stopwatch.StartNew();

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("1073741824", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_body_on_a_successful_upload_part_is_an_invalid_response()
    {
        byte[] content = [1, 2, 3];
        using var server = new HostileHttpServer(_ => HostileReply.EndlessChunked(200, string.Empty, Huge, "ETag: " + HostileClient.Md5ETag(content)));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => HostileClient.UploadPartAsync(client, content));

        Assert.True(server.BytesWritten < Huge, $"the client read {server.BytesWritten} bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_cap_is_an_internal_setting_and_a_reply_at_the_cap_is_read(bool chunked)
    {
        string padded = HostileClient.InitiateXml().Replace("</InitiateMultipartUploadResult>", new string(' ', 900) + "</InitiateMultipartUploadResult>", StringComparison.Ordinal);
        int length = System.Text.Encoding.UTF8.GetByteCount(padded);
        using var server = new HostileHttpServer(_ => chunked ? HostileReply.EndlessChunked(200, padded, length) : HostileReply.Text(200, padded));
        using OssClient client = HostileClient.Create(server.Endpoint);

        client.Pipeline.Settings.MaxResponseBodySize = length;
        Assert.Equal("U1", (await HostileClient.InitiateAsync(client)).UploadId);

        client.Pipeline.Settings.MaxResponseBodySize = length - 1;
        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));
        Assert.Contains((length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
