namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>What unauthenticated requests leave behind: no buckets, uploads, objects, counters or used-up faults, and a bounded log.</summary>
public sealed class UnauthenticatedRequestTests
{
    private const string B = TestClients.Bucket;

    [Fact]
    public async Task UnauthenticatedRequestsLeaveTheServerStateUnchanged()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "existing");
        await RawRequests.UploadPartAsync(server, "existing", uploadId, 1, [1, 2, 3]);
        OssFault fault = server.Faults.FailNext(OssOperationKind.UploadPart);
        int countersBefore = server.Runtime.State.Counters.Count;
        long bytesBefore = server.GetPartBytesReceived(uploadId);
        var wrong = new OssTestCredential(server.Credential.AccessKeyId, "not-the-secret");

        const int n = 40;
        var statuses = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool unsigned = i % 2 == 0;
            string bogusUpload = Guid.NewGuid().ToString("N");
            HttpRequestMessage[] requests =
            [
                RawRequests.Create(server, HttpMethod.Put, $"new-bucket-{i}", null, sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Post, B, $"k{i}", "uploads", sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Put, B, $"k{i}", $"partNumber=1&uploadId={bogusUpload}", [1, 2, 3], sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Put, B, "existing", $"partNumber=2&uploadId={uploadId}", [4, 5, 6], sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Put, B, $"object{i}", body: [7], sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Post, B, "existing", $"uploadId={uploadId}", RawRequests.CompleteBody((1, "\"x\"")), sign: !unsigned, credential: wrong),
                RawRequests.Create(server, HttpMethod.Delete, B, "existing", $"uploadId={uploadId}", sign: !unsigned, credential: wrong),
            ];
            foreach (HttpRequestMessage request in requests)
            {
                statuses.Add((await RawRequests.SendAsync(request)).Status);
            }
        }

        Assert.All(statuses, status => Assert.Equal(403, status));
        Assert.Equal([B], server.GetBuckets());
        OssStoredUpload upload = Assert.Single(server.GetUploads());
        Assert.Equal(uploadId, upload.UploadId);
        Assert.Equal([1], upload.Parts.Select(p => p.PartNumber));
        Assert.Null(server.GetObject(B, "object0"));
        Assert.Equal(countersBefore, server.Runtime.State.Counters.Count);
        Assert.Equal(bytesBefore, server.GetPartBytesReceived(uploadId));
        Assert.Equal(1, fault.RemainingCount);
    }

    [Fact]
    public async Task TheRequestLogKeepsOnlyTheNewestMaxRequestLogEntries()
    {
        await using OssTestServer server = await TestClients.StartAsync(o => o.MaxRequestLogEntries = 5);

        for (int i = 0; i < 12; i++)
        {
            using HttpRequestMessage request = RawRequests.Create(server, HttpMethod.Head, B, $"k{i}", sign: false);
            await RawRequests.SendAsync(request);
        }

        await RequestLogWaits.WaitForSequenceAsync(server, 12);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(["k7", "k8", "k9", "k10", "k11"], server.Requests.Select(r => r.ObjectKey!));
        Assert.Equal([8L, 9, 10, 11, 12], server.Requests.Select(r => r.Sequence));
        Assert.Equal(5, server.Requests.Of(OssOperationKind.HeadObject).Count);
    }

    [Fact]
    public async Task TheRequestLogCapHasALargeDefaultAndMustBePositive()
    {
        Assert.InRange(new OssTestServerOptions().MaxRequestLogEntries, 10_000, 1_000_000);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MaxRequestLogEntries = 0 }));
    }
}
