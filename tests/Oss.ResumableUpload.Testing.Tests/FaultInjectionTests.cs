namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Every fault-injection action, with what the request log and counters show afterwards.</summary>
public sealed class FaultInjectionTests
{
    private const string B = TestClients.Bucket;

    [Fact]
    public async Task FailNextFailsOnlyTheChosenPartThenLetsItThrough()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server, maxRetries: 3);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        OssFault fault = server.Faults.FailNext(OssOperationKind.UploadPart, count: 2, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: 2);

        await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[1000]) });
        await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(new byte[1000]) });

        Assert.Equal(2, fault.TimesTriggered);
        Assert.True(fault.IsExhausted);
        Assert.Empty(server.Faults.Pending);
        OssRequestRecord[] part2 = server.Requests.Where(r => r.PartNumber == 2).ToArray();
        Assert.Equal([503, 503, 200], part2.Select(r => r.StatusCode));
        Assert.Equal(["ServiceUnavailable", "ServiceUnavailable", null], part2.Select(r => r.ErrorCode));
        Assert.Equal([OssFaultKind.Fail], part2[0].Faults);
        Assert.Equal(3000, server.GetPartBytesReceived(uploadId, 2));
        Assert.Equal(1000, server.GetPartBytesReceived(uploadId, 1));
        Assert.Equal(4000, server.GetPartBytesReceived(uploadId));
        Assert.Equal(2, server.GetUpload(uploadId)!.Parts.Count);
    }

    [Fact]
    public async Task FailNextAnswersTheChosenErrorXmlAndDoesNotPerformTheOperation()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        server.Faults.FailNext(OssOperationKind.PutObject, statusCode: 500, errorCode: "InternalError", message: "boom");

        RawResponse failed = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1, 2]);
        RawResponse next = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [3]);

        Assert.Equal(500, failed.Status);
        Assert.Equal("InternalError", failed.ErrorCode);
        Assert.Equal("boom", failed.XmlValue("Message"));
        Assert.Equal(200, next.Status);
        Assert.Equal(new byte[] { 3 }, await server.ReadObjectAsync(B, "k"));
        Assert.Equal(2, server.Requests.First().BodyBytesReceived);
    }

    [Fact]
    public async Task AFaultForAnotherOperationOrPartDoesNotFire()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        OssFault fault = server.Faults.FailNext(OssOperationKind.UploadPart, partNumber: 9);

        await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1]);
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1]);

        Assert.Equal(0, fault.TimesTriggered);
        Assert.Same(fault, Assert.Single(server.Faults.Pending));
    }

    [Fact]
    public async Task AlwaysFiresUntilCancelledAndClearCancelsEverything()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        OssFault always = server.Faults.FailNext(OssOperationKind.HeadObject, OssFaultInjector.Always, 503, "ServiceUnavailable");
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(503, (await RawRequests.SendAsync(server, HttpMethod.Head, B, "k")).Status);
        }

        Assert.Equal(3, always.TimesTriggered);
        Assert.Equal(OssFaultInjector.Always, always.RemainingCount);
        always.Cancel();
        Assert.Equal(404, (await RawRequests.SendAsync(server, HttpMethod.Head, B, "k")).Status);

        OssFault other = server.Faults.FailNext(OssOperationKind.HeadObject, 5);
        server.Faults.Clear();
        Assert.True(other.IsExhausted);
        Assert.Equal(404, (await RawRequests.SendAsync(server, HttpMethod.Head, B, "k")).Status);
    }

    [Fact]
    public async Task ResetConnectionAfterBodyBytesBreaksTheUploadMidway()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        OssFault fault = server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 300_000);
        byte[] part = TestClients.RandomBytes(1_000_000, 1);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=1&uploadId={uploadId}", part));

        await fault.WaitForTriggerAsync();
        OssRequestRecord record = await WaitForRecordAsync(server, OssOperationKind.UploadPart);
        Assert.True(record.ConnectionAborted);
        Assert.Equal(0, record.StatusCode);
        Assert.Equal(300_000, record.BodyBytesReceived);
        Assert.Equal([OssFaultKind.ResetConnection], record.Faults);
        Assert.Equal(300_000, server.GetPartBytesReceived(uploadId, 1));
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
    }

    [Fact]
    public async Task TheClientRetriesAResetPartAndTheCounterShowsTheBytesSentTwice()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 100_000);

        UploadPartResult result = await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[500_000]) });

        Assert.Equal(result.ETag, Assert.Single(server.GetUpload(uploadId)!.Parts).ETag);
        Assert.Equal(600_000, server.GetPartBytesReceived(uploadId, 1));
        Assert.Equal([true, false], server.Requests.Of(OssOperationKind.UploadPart).Select(r => r.ConnectionAborted));
    }

    [Fact]
    public async Task ResetConnectionBeforeTheReplyReadsTheWholeBodyButDoesNotPerformTheOperation()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        server.Faults.ResetConnection(OssOperationKind.UploadPart, partNumber: 1);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=1&uploadId={uploadId}", new byte[200_000]));

        OssRequestRecord record = await WaitForRecordAsync(server, OssOperationKind.UploadPart);
        Assert.True(record.ConnectionAborted);
        Assert.Equal(200_000, record.BodyBytesReceived);
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
    }

    [Fact]
    public async Task ResetConnectionAfterZeroBytesResetsBeforeReadingAnything()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        server.Faults.ResetConnection(OssOperationKind.PutObject, afterBodyBytes: 0);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: new byte[10]));

        OssRequestRecord record = await WaitForRecordAsync(server, OssOperationKind.PutObject);
        Assert.Equal(0, record.BodyBytesReceived);
        Assert.Null(server.GetObject(B, "k"));
    }

    [Fact]
    public async Task DelayHoldsTheRequestAtLeastThatLong()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        OssFault fault = server.Faults.Delay(OssOperationKind.HeadObject, TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Head, B, "k");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {watch.Elapsed}");
        Assert.Equal(404, response.Status);
        Assert.Equal(1, fault.TimesTriggered);
        Assert.Equal([OssFaultKind.Delay], server.Requests.Single().Faults);
    }

    [Fact]
    public async Task ADelayedRequestTheClientAbandonsEndsWithoutAnAnswer()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        server.Faults.Delay(OssOperationKind.HeadObject, TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();
        Task<HttpResponseMessage> pending = RawRequests.Http.SendAsync(RawRequests.Create(server, HttpMethod.Head, B, "k"), cancel.Token);

        await WaitUntilAsync(() => server.Faults.Pending.Count == 0);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        OssRequestRecord record = await WaitForRecordAsync(server, OssOperationKind.HeadObject);
        Assert.True(record.ConnectionAborted);
    }

    [Fact]
    public async Task HoldKeepsAPartInFlightUntilReleased()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        OssFault hold = server.Faults.Hold(OssOperationKind.UploadPart, partNumber: 2);

        Task<UploadPartResult> part2 = client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(new byte[1000]) });
        await hold.WaitForTriggerAsync();
        await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[1000]) });

        Assert.False(part2.IsCompleted);
        Assert.Equal([1], server.GetUpload(uploadId)!.Parts.Select(p => p.PartNumber));
        hold.Release();
        await part2;
        Assert.Equal([1, 2], server.GetUpload(uploadId)!.Parts.Select(p => p.PartNumber));
        Assert.Equal([OssFaultKind.Hold], server.Requests.Single(r => r.PartNumber == 2).Faults);
    }

    [Fact]
    public async Task CancellingAHeldRequestEndsItWithoutStoringAnything()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        OssFault hold = server.Faults.Hold(OssOperationKind.UploadPart);
        using var cancel = new CancellationTokenSource();

        Task<UploadPartResult> part = client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[1000]) }, cancel.Token);
        await hold.WaitForTriggerAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => part);
        OssRequestRecord record = await WaitForRecordAsync(server, OssOperationKind.UploadPart);
        Assert.True(record.ConnectionAborted);
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
    }

    [Fact]
    public async Task DropUploadMakesLaterCallsNoSuchUpload()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[10]) });

        Assert.True(server.Faults.DropUpload(uploadId));

        Assert.Null(server.GetUpload(uploadId));
        Assert.False(server.Faults.DropUpload(uploadId));
        OssServiceException part = await Assert.ThrowsAsync<OssServiceException>(() => client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(new byte[10]) }));
        OssServiceException list = await Assert.ThrowsAsync<OssServiceException>(() => client.ListPartsAsync(new ListPartsRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId }));
        Assert.Equal("NoSuchUpload", part.ErrorCode);
        Assert.Equal("NoSuchUpload", list.ErrorCode);
        Assert.Empty((await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = B })).Uploads);
    }

    [Fact]
    public async Task CompleteThenDropConnectionStoresTheObjectAndARetryGetsNoSuchUpload()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1, 2, 3]);
        OssFault fault = server.Faults.CompleteThenDropConnection();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, etag))));

        Assert.Equal(1, fault.TimesTriggered);
        Assert.Equal(new byte[] { 1, 2, 3 }, await server.ReadObjectAsync(B, "k"));
        Assert.Null(server.GetUpload(uploadId));
        RawResponse retry = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, etag)));
        Assert.Equal("NoSuchUpload", retry.ErrorCode);
        OssRequestRecord dropped = server.Requests.Of(OssOperationKind.CompleteMultipartUpload)[0];
        Assert.True(dropped.ConnectionAborted);
        Assert.Equal([OssFaultKind.DropResponse], dropped.Faults);
    }

    [Fact]
    public async Task DropResponseOnPutObjectStoresTheObjectWithoutAnswering()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        server.Faults.DropResponse(OssOperationKind.PutObject);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [4, 5]));

        Assert.Equal(new byte[] { 4, 5 }, await server.ReadObjectAsync(B, "k"));
    }

    [Fact]
    public async Task CorruptCrc64ChangesTheAnsweredCrcButNotTheStoredOne()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        byte[] data = TestClients.RandomBytes(1000, 3);
        server.Faults.CorruptCrc64(OssOperationKind.UploadPart, partNumber: 1);
        server.Faults.CorruptCrc64(OssOperationKind.ListParts);

        UploadPartResult uploaded = await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(data) });
        ListPartsResult listed = await client.ListPartsAsync(new ListPartsRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId });
        ListPartsResult listedAgain = await client.ListPartsAsync(new ListPartsRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId });

        ulong actual = Hashing.OssCrc64.Compute(data);
        Assert.NotEqual(actual, uploaded.HashCrc64Ecma);
        Assert.NotEqual(actual, listed.Parts[0].HashCrc64Ecma);
        Assert.Equal(actual, listedAgain.Parts[0].HashCrc64Ecma);
        Assert.Equal(actual, server.GetUpload(uploadId)!.Parts[0].HashCrc64Ecma);
    }

    [Fact]
    public async Task CorruptCrc64OnCompleteChangesTheObjectCrcHeader()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        UploadPartResult part = await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[100]) });
        server.Faults.CorruptCrc64(OssOperationKind.CompleteMultipartUpload);

        CompleteMultipartUploadResult done = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, Parts = [new(1, part.ETag)] });

        Assert.NotEqual(server.GetObject(B, "k")!.HashCrc64Ecma, done.HashCrc64Ecma);
    }

    [Fact]
    public async Task CorruptETagMakesTheClientReportAChecksumMismatch()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" })).UploadId;
        server.Faults.CorruptETag(OssOperationKind.UploadPart);

        OssClientException ex = await Assert.ThrowsAsync<OssClientException>(() => client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[100]) }));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, ex.ErrorCode);
        OssStoredPart stored = Assert.Single(server.GetUpload(uploadId)!.Parts);
        RawResponse raw = await RawRequests.SendAsync(server, HttpMethod.Get, B, "k", $"uploadId={uploadId}");
        Assert.Equal(stored.ETag, raw.Xml().Root!.Element("Part")!.Element("ETag")!.Value);
    }

    [Fact]
    public async Task CorruptETagOnListPartsChangesEveryListedETag()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string etag = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1]);
        server.Faults.CorruptETag(OssOperationKind.ListParts);

        RawResponse listed = await RawRequests.SendAsync(server, HttpMethod.Get, B, "k", $"uploadId={uploadId}");

        string listedETag = listed.Xml().Root!.Element("Part")!.Element("ETag")!.Value;
        Assert.NotEqual(etag, listedETag);
        Assert.Matches("^\"[0-9A-F]{32}\"$", listedETag);
    }

    [Fact]
    public async Task RequestTimeTooSkewedOnceAnswersOnceAndTheClientRetries()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        OssFault raw = server.Faults.RequestTimeTooSkewedOnce(OssOperationKind.HeadObject);

        RawResponse skewed = await RawRequests.SendAsync(server, HttpMethod.Head, B, "k");
        RawResponse next = await RawRequests.SendAsync(server, HttpMethod.Head, B, "k");
        Assert.Equal(403, skewed.Status);
        Assert.Contains("RequestTimeTooSkewed", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(skewed.Header("x-oss-err")!)), StringComparison.Ordinal);
        Assert.Equal(404, next.Status);
        Assert.Equal(1, raw.TimesTriggered);

        using OssClient client = TestClients.CreateClient(server);
        server.Faults.RequestTimeTooSkewedOnce();
        await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" });
        Assert.Equal([403, 200], server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task SecurityTokenExpiredOnceAnswersOnceAndTheClientRetries()
    {
        var sts = new OssTestCredential("STS.k", "s", "t");
        await using OssTestServer server = await TestClients.StartAsync(o => o.Credentials.Add(sts));
        using OssClient client = TestClients.CreateClient(server, credential: sts);
        OssFault fault = server.Faults.SecurityTokenExpiredOnce(OssOperationKind.InitiateMultipartUpload);

        await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k" });

        Assert.Equal(1, fault.TimesTriggered);
        Assert.Equal(["SecurityTokenExpired", null], server.Requests.Select(r => r.ErrorCode));
        RawResponse raw = await RawRequests.SendAsync(server, HttpMethod.Get, B, "k");
        Assert.Equal("NoSuchKey", raw.ErrorCode);
    }

    [Fact]
    public async Task AReplacingFaultWinsAndModifiersAreNotUsedUp()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        OssFault corrupt = server.Faults.CorruptETag(OssOperationKind.PutObject);
        OssFault fail = server.Faults.FailNext(OssOperationKind.PutObject);

        RawResponse first = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1]);
        RawResponse second = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1]);

        Assert.Equal(500, first.Status);
        Assert.Equal(1, fail.TimesTriggered);
        Assert.Equal(200, second.Status);
        Assert.Equal(1, corrupt.TimesTriggered);
        Assert.NotEqual(server.GetObject(B, "k")!.ETag, second.Header("ETag"));
    }

    private static async Task<OssRequestRecord> WaitForRecordAsync(OssTestServer server, OssOperationKind operation)
    {
        await WaitUntilAsync(() => server.Requests.Of(operation).Count > 0);
        return server.Requests.Of(operation)[0];
    }

    /// <summary>Polls a condition the server reaches on its own thread (the log entry of a reset request lands after the client saw the reset).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
