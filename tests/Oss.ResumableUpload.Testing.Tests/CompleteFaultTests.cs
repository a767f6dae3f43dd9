namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>The CompleteMultipartUpload faults the engine's crash tests rely on: a held Complete and a lost Complete reply.</summary>
public sealed class CompleteFaultTests
{
    private const string B = TestClients.Bucket;

    [Fact]
    public async Task HoldOnCompleteKeepsTheUploadUnfinishedUntilReleased()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        OssFault hold = server.Faults.Hold(OssOperationKind.CompleteMultipartUpload);

        Task<CompleteMultipartUploadResult> complete = client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, Parts = [new(1, etag)] });
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200);

        Assert.False(complete.IsCompleted);
        Assert.NotNull(server.GetUpload(uploadId));
        Assert.Null(server.GetObject(B, "k"));

        hold.Release();
        CompleteMultipartUploadResult result = await complete.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(server.GetObject(B, "k")!.ETag, result.ETag);
        Assert.Null(server.GetUpload(uploadId));
        OssRequestRecord record = Assert.Single(await RequestLogWaits.WaitForRecordsAsync(server, OssOperationKind.CompleteMultipartUpload));
        Assert.Equal([OssFaultKind.Hold], record.Faults);
    }

    [Fact]
    public async Task AHeldCompleteWhoseReplyIsLostCompletesOnTheServerOnceReleased()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        OssFault hold = server.Faults.Hold(OssOperationKind.CompleteMultipartUpload);
        OssFault lost = server.Faults.CompleteThenDropConnection();

        Task<RawResponse> complete = RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, etag)));
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(server.GetObject(B, "k"));
        hold.Release();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => complete.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, lost.TimesTriggered);
        Assert.Equal(new byte[] { 1, 2, 3 }, await server.ReadObjectAsync(B, "k"));
        Assert.Null(server.GetUpload(uploadId));
        OssRequestRecord record = Assert.Single(await RequestLogWaits.WaitForRecordsAsync(server, OssOperationKind.CompleteMultipartUpload));
        Assert.True(record.ConnectionAborted);
        Assert.Equal([OssFaultKind.Hold, OssFaultKind.DropResponse], record.Faults);
    }
}
