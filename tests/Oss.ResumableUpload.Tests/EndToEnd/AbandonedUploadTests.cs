using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// ListAllMultipartUploadsAsync and AbortIncompleteUploadsAsync against OssTestServer over HTTP: every page, the prefix,
/// the time cut (a FakeTimeProvider shared by server and client stamps Initiated), uploads that vanish meanwhile, other
/// abort failures, cancellation and argument checks.
/// </summary>
public sealed class AbandonedUploadTests
{
    private const string B = EndToEndHarness.Bucket;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListAllFollowsEveryPage()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.MaxListPageSize = 3);
        OssClient client = harness.CreateClient();
        var expected = new List<(string, string)>();
        for (int i = 0; i < 10; i++)
        {
            string key = "k/" + (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture); // several uploads per key
            expected.Add((key, await InitiateAsync(client, key)));
        }

        List<OssMultipartUploadInfo> listed = await ToListAsync(client.ListAllMultipartUploadsAsync(B));

        Assert.Equal(expected.Order(), listed.Select(u => (u.ObjectKey, u.UploadId)).Order());
        Assert.Equal(10, listed.Select(u => u.UploadId).Distinct().Count());
        Assert.Equal(4, harness.Server.Requests.Count(r => r.Operation == OssOperationKind.ListMultipartUploads));
    }

    [Fact]
    public async Task ThePrefixFiltersTheListingAndTheAbort()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.MaxListPageSize = 2);
        OssClient client = harness.CreateClient();
        foreach (string key in new[] { "logs/a", "logs/b", "logs/c", "data/a", "logsx" })
        {
            await InitiateAsync(client, key);
        }

        List<OssMultipartUploadInfo> logs = await ToListAsync(client.ListAllMultipartUploadsAsync(B, "logs/"));
        Assert.Equal(["logs/a", "logs/b", "logs/c"], logs.Select(u => u.ObjectKey));

        IReadOnlyList<OssMultipartUploadInfo> aborted = await client.AbortIncompleteUploadsAsync(B, "logs/", DateTimeOffset.MaxValue);

        Assert.Equal(["logs/a", "logs/b", "logs/c"], aborted.Select(u => u.ObjectKey));
        Assert.Equal(["data/a", "logsx"], harness.Server.GetUploads(B).Select(u => u.ObjectKey).Order());
    }

    [Fact]
    public async Task OnlyUploadsInitiatedStrictlyBeforeTheCutAreAborted()
    {
        var time = new FakeTimeProvider(Start);
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.TimeProvider = time);
        OssClientOptions options = harness.ClientOptions();
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = options.Endpoint,
            Region = options.Region,
            Credentials = options.Credentials,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxRetryDelay = options.MaxRetryDelay,
            TimeProvider = time,
        });
        string old1 = await InitiateAsync(client, "a/old-1");
        string old2 = await InitiateAsync(client, "b/old-2");
        time.Advance(TimeSpan.FromDays(8));
        DateTimeOffset cut = time.GetUtcNow();
        string atCut = await InitiateAsync(client, "a/at-cut");
        time.Advance(TimeSpan.FromHours(1));
        string fresh = await InitiateAsync(client, "c/fresh");

        IReadOnlyList<OssMultipartUploadInfo> aborted = await client.AbortIncompleteUploadsAsync(B, null, cut);

        Assert.Equal([old1, old2], aborted.Select(u => u.UploadId));
        Assert.All(aborted, u => Assert.Equal(Start, u.Initiated));
        Assert.Equal(new[] { atCut, fresh }.Order(), harness.Server.GetUploads(B).Select(u => u.UploadId).Order());
        Assert.Empty(await client.AbortIncompleteUploadsAsync(B, null, cut));
    }

    [Fact]
    public async Task AnUploadThatVanishesBeforeItsAbortCountsAsGone()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient plain = harness.CreateClient();
        string first = await InitiateAsync(plain, "a");
        string vanishing = await InitiateAsync(plain, "b");
        string last = await InitiateAsync(plain, "c");
        OssClient client = harness.CreateHookedClient(async (request, token) =>
        {
            if (request.Method == HttpMethod.Delete && request.RequestUri!.Query.Contains(vanishing, StringComparison.Ordinal))
            {
                await plain.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = B, ObjectKey = "b", UploadId = vanishing }, token);
            }
        });

        IReadOnlyList<OssMultipartUploadInfo> aborted = await client.AbortIncompleteUploadsAsync(B, null, DateTimeOffset.MaxValue);

        Assert.Equal([first, last], aborted.Select(u => u.UploadId));
        Assert.Empty(harness.Server.GetUploads(B));
    }

    [Fact]
    public async Task OtherAbortFailuresDoNotStopTheRestAndAreThrownTogether()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        await InitiateAsync(client, "a");
        string refused = await InitiateAsync(client, "b");
        await InitiateAsync(client, "c");
        int aborts = 0;
        OssClient hooked = harness.CreateHookedClient((request, _) =>
        {
            if (request.Method == HttpMethod.Delete && ++aborts == 2)
            {
                harness.Server.Faults.FailNext(OssOperationKind.AbortMultipartUpload, statusCode: 403, errorCode: "AccessDenied");
            }

            return Task.CompletedTask;
        });

        AggregateException ex = await Assert.ThrowsAsync<AggregateException>(() => hooked.AbortIncompleteUploadsAsync(B, null, DateTimeOffset.MaxValue));

        OssServiceException inner = Assert.IsType<OssServiceException>(Assert.Single(ex.InnerExceptions));
        Assert.Equal("AccessDenied", inner.ErrorCode);
        Assert.Contains("2 were aborted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(refused, Assert.Single(harness.Server.GetUploads(B)).UploadId);
    }

    [Fact]
    public async Task CancellationStopsTheListingAndAbortsNothing()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.MaxListPageSize = 2);
        OssClient plain = harness.CreateClient();
        for (int i = 0; i < 5; i++)
        {
            await InitiateAsync(plain, "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var cancel = new CancellationTokenSource();
        int lists = 0;
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            if (request.Method == HttpMethod.Get && ++lists == 2)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AbortIncompleteUploadsAsync(B, null, DateTimeOffset.MaxValue, cancel.Token));
        Assert.Equal(5, harness.Server.GetUploads(B).Count);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Operation == OssOperationKind.AbortMultipartUpload);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(plain.ListAllMultipartUploadsAsync(B, cancellationToken: cancel.Token)));
    }

    [Fact]
    public async Task ArgumentsAreCheckedBeforeAnyRequest()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>("bucketName", () => client.AbortIncompleteUploadsAsync("Bad_Bucket", null, DateTimeOffset.MaxValue));
        await Assert.ThrowsAsync<ArgumentNullException>("bucketName", () => client.AbortIncompleteUploadsAsync(null!, null, DateTimeOffset.MaxValue));
        await Assert.ThrowsAsync<ArgumentException>("prefix", () => client.AbortIncompleteUploadsAsync(B, "/rooted", DateTimeOffset.MaxValue));
        await Assert.ThrowsAsync<ArgumentException>("prefix", () => client.AbortIncompleteUploadsAsync(B, "lone \ud800 surrogate", DateTimeOffset.MaxValue));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("initiatedBefore", () => client.AbortIncompleteUploadsAsync(B, null, default));
        await Assert.ThrowsAsync<ArgumentException>("bucketName", () => ToListAsync(client.ListAllMultipartUploadsAsync("x")));
        await Assert.ThrowsAsync<ArgumentException>("prefix", () => ToListAsync(client.ListAllMultipartUploadsAsync(B, new string('k', 1024))));

        Assert.Empty(harness.Server.Requests);
        Assert.Empty(await ToListAsync(client.ListAllMultipartUploadsAsync(B, string.Empty)));
    }

    private static async Task<string> InitiateAsync(OssClient client, string key)
        => (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = key })).UploadId;

    private static async Task<List<OssMultipartUploadInfo>> ToListAsync(IAsyncEnumerable<OssMultipartUploadInfo> uploads)
    {
        var list = new List<OssMultipartUploadInfo>();
        await foreach (OssMultipartUploadInfo upload in uploads)
        {
            list.Add(upload);
        }

        return list;
    }
}
