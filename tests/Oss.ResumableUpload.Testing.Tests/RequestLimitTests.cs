using System.Diagnostics;
using System.Text;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Body size caps, XML depth and the minimum body data rate: what a misbehaving client cannot make the server do.</summary>
public sealed class RequestLimitTests
{
    private const string B = TestClients.Bucket;

    /// <summary>Far more than any cap in these tests; a server that kept reading would take it all in.</summary>
    private const long Unbounded = 8L * 1024 * 1024 * 1024;

    /// <summary>What the client may still push into socket and pipe buffers after the server stopped reading.</summary>
    private const long BufferSlack = 64L * 1024 * 1024;

    private static Task<OssTestServer> StartUnsignedAsync(Action<OssTestServerOptions>? configure = null)
        => TestClients.StartAsync(o =>
        {
            o.VerifySignatures = false;
            configure?.Invoke(o);
        });

    [Fact]
    public void TheCapsDefaultToOssLimits()
    {
        var options = new OssTestServerOptions();

        Assert.Equal(5L * 1024 * 1024 * 1024, options.MaxPartSize);
        Assert.Equal(5L * 1024 * 1024 * 1024, options.MaxPutObjectSize);
        Assert.InRange(options.MaxXmlBodySize, 1024 * 1024, 16 * 1024 * 1024);
    }

    [Fact]
    public async Task InvalidCapsAreRejectedAtStart()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MaxPartSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MaxPartSize = (5L * 1024 * 1024 * 1024) + 1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MaxPutObjectSize = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MaxXmlBodySize = 0 }));
    }

    [Fact]
    public async Task AChunkedPartOverMaxPartSizeIsEntityTooLargeAndTheServerStopsReading()
    {
        const int cap = 256 * 1024;
        await using OssTestServer server = await StartUnsignedAsync(o => o.MaxPartSize = cap);
        string uploadId = await RawRequests.InitiateAsync(server, "big");

        StreamedReply reply = await StreamingRequests.SendChunkedAsync(server, "PUT", $"/{B}/big?partNumber=1&uploadId={uploadId}", Unbounded);

        Assert.Equal(400, reply.Status);
        Assert.Equal("EntityTooLarge", reply.ErrorCode);
        Assert.True(reply.WriterEnded, "the server kept the connection open after refusing the body");
        Assert.InRange(reply.BytesSent, cap + 1, cap + BufferSlack);
        OssRequestRecord record = Assert.Single(await RequestLogWaits.WaitForRecordsAsync(server, OssOperationKind.UploadPart));
        Assert.Equal((400, "EntityTooLarge"), (record.StatusCode, record.ErrorCode));
        Assert.InRange(record.BodyBytesReceived, cap + 1, cap + (1024 * 1024));
        Assert.Equal(record.BodyBytesReceived, server.GetPartBytesReceived(uploadId));
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
    }

    [Fact]
    public async Task AChunkedPartUpToMaxPartSizeIsStored()
    {
        const int cap = 256 * 1024;
        await using OssTestServer server = await StartUnsignedAsync(o => o.MaxPartSize = cap);
        string uploadId = await RawRequests.InitiateAsync(server, "fits");

        StreamedReply reply = await StreamingRequests.SendChunkedAsync(server, "PUT", $"/{B}/fits?partNumber=1&uploadId={uploadId}", cap, chunkSize: 16 * 1024);

        Assert.True(reply.Status == 200, reply.Body);
        Assert.Equal(cap, Assert.Single(server.GetUpload(uploadId)!.Parts).Size);
    }

    [Fact]
    public async Task AChunkedPutObjectOverMaxPutObjectSizeIsEntityTooLargeAndNothingIsStored()
    {
        const int cap = 128 * 1024;
        await using OssTestServer server = await StartUnsignedAsync(o => o.MaxPutObjectSize = cap);

        StreamedReply reply = await StreamingRequests.SendChunkedAsync(server, "PUT", $"/{B}/object", Unbounded);

        Assert.Equal(400, reply.Status);
        Assert.Equal("EntityTooLarge", reply.ErrorCode);
        Assert.True(reply.WriterEnded, "the server kept the connection open after refusing the body");
        Assert.InRange(reply.BytesSent, cap + 1, cap + BufferSlack);
        Assert.Null(server.GetObject(B, "object"));
    }

    [Fact]
    public async Task ADeclaredLengthOverTheCapIsRefusedWithoutReadingTheBody()
    {
        const int cap = 128 * 1024;
        await using OssTestServer server = await StartUnsignedAsync(o => o.MaxPutObjectSize = cap);

        StreamedReply reply = await StreamingRequests.SendChunkedAsync(server, "PUT", $"/{B}/declared", Unbounded, contentLength: Unbounded);

        Assert.Equal(400, reply.Status);
        Assert.Equal("EntityTooLarge", reply.ErrorCode);
        Assert.True(reply.WriterEnded, "the server kept the connection open after refusing the body");
        Assert.InRange(reply.BytesSent, 0, BufferSlack);
        Assert.Equal(0, Assert.Single(await RequestLogWaits.WaitForRecordsAsync(server, OssOperationKind.PutObject)).BodyBytesReceived);
    }

    [Fact]
    public async Task ACompleteBodyOverMaxXmlBodySizeIsEntityTooLarge()
    {
        const int cap = 8 * 1024;
        await using OssTestServer server = await StartUnsignedAsync(o => o.MaxXmlBodySize = cap);
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        byte[] padding = Encoding.UTF8.GetBytes("<!-- padding padding padding padding padding padding padding -->\n");

        StreamedReply reply = await StreamingRequests.SendChunkedAsync(server, "POST", $"/{B}/k?uploadId={uploadId}", Unbounded, chunk: padding);

        Assert.Equal(400, reply.Status);
        Assert.Equal("EntityTooLarge", reply.ErrorCode);
        Assert.True(reply.WriterEnded, "the server kept the connection open after refusing the body");
        Assert.InRange(reply.BytesSent, cap + 1, cap + BufferSlack);
        Assert.NotNull(server.GetUpload(uploadId));
        Assert.Equal(200, (await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, etag)))).Status);
    }

    [Fact]
    public async Task AHundredThousandLevelCompleteBodyIsMalformedXmlQuickly()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        const int levels = 100_000;
        var xml = new StringBuilder("<CompleteMultipartUpload><Part>", (levels * 7) + 64);
        xml.Insert(xml.Length, "<a>", levels).Insert(xml.Length, "</a>", levels).Append("</Part></CompleteMultipartUpload>");
        byte[] body = Encoding.UTF8.GetBytes(xml.ToString());

        var watch = Stopwatch.StartNew();
        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", body);
        watch.Stop();

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"rejecting the nested body took {watch.Elapsed}");
        Assert.NotNull(server.GetUpload(uploadId));
    }

    [Fact]
    public async Task NestingBeyondThirtyTwoLevelsIsMalformedXmlButModerateNestingIsFine()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        string part = $"<Part><PartNumber>1</PartNumber><ETag>{etag}</ETag></Part>";

        static string Nested(int depth) => string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));

        RawResponse deep = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", Encoding.UTF8.GetBytes($"<CompleteMultipartUpload>{Nested(40)}{part}</CompleteMultipartUpload>"));
        RawResponse moderate = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", Encoding.UTF8.GetBytes($"<CompleteMultipartUpload>{Nested(20)}{part}</CompleteMultipartUpload>"));

        Assert.Equal((400, "MalformedXML"), (deep.Status, deep.ErrorCode));
        Assert.Equal(200, moderate.Status);
        Assert.Equal(3, server.GetObject(B, "k")!.Size);
    }

    [Fact]
    public async Task ABodyTricklingBelowTheMinimumDataRateIsCutOffWithRequestTimeout()
    {
        await using OssTestServer server = await StartUnsignedAsync(o =>
        {
            o.MinRequestBodyDataRate = 5_000;
            o.MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(2);
        });
        string uploadId = await RawRequests.InitiateAsync(server, "slow");

        var watch = Stopwatch.StartNew();
        StreamedReply reply = await StreamingRequests.SendChunkedAsync(
            server, "PUT", $"/{B}/slow?partNumber=1&uploadId={uploadId}", total: 1024 * 1024, chunkSize: 100, pause: TimeSpan.FromMilliseconds(100), timeout: TimeSpan.FromSeconds(30));
        watch.Stop();

        Assert.Equal((400, "RequestTimeout"), (reply.Status, reply.ErrorCode));
        Assert.True(reply.WriterEnded, "the server kept the connection open after the timeout");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the slow body was cut off only after {watch.Elapsed}");
        Assert.InRange(reply.BytesSent, 1, 100 * 1024);
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
        Assert.Equal("RequestTimeout", Assert.Single(await RequestLogWaits.WaitForRecordsAsync(server, OssOperationKind.UploadPart)).ErrorCode);
    }

    [Fact]
    public async Task AHeldRequestIsNotCutOffByTheMinimumDataRate()
    {
        await using OssTestServer server = await StartUnsignedAsync(o =>
        {
            o.MinRequestBodyDataRate = 5_000;
            o.MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(2);
        });
        string uploadId = await RawRequests.InitiateAsync(server, "held");
        OssFault hold = server.Faults.Hold(OssOperationKind.UploadPart);
        OssFault delay = server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromSeconds(2));

        Task<string> upload = RawRequests.UploadPartAsync(server, "held", uploadId, 1, TestClients.RandomBytes(200 * 1024, 3));
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        hold.Release();
        await upload.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, delay.TimesTriggered);
        Assert.Equal(200 * 1024, Assert.Single(server.GetUpload(uploadId)!.Parts).Size);
    }

    [Fact]
    public async Task TheMinimumDataRateDefaultsToKestrelsAndInvalidValuesAreRejected()
    {
        var options = new OssTestServerOptions();
        Assert.Equal(240, options.MinRequestBodyDataRate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MinRequestBodyDataRateGracePeriod);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MinRequestBodyDataRate = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(1) }));
        await using OssTestServer disabled = await OssTestServer.StartAsync(new OssTestServerOptions { MinRequestBodyDataRate = 0, MinRequestBodyDataRateGracePeriod = TimeSpan.Zero });
    }
}
