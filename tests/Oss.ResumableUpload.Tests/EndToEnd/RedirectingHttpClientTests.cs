using Oss.ResumableUpload.Tests.Hostile;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A caller's HttpClient whose handler follows redirects (HttpClientHandler's default), in front of a real
/// OssTestServer: the redirected reply is refused with a typed, non-transient error and no object is reported stored.
/// </summary>
public sealed class RedirectingHttpClientTests
{
    private const int P = EndToEndHarness.PartSize;

    [Theory]
    [InlineData(P / 2)]
    [InlineData((2 * P) + 1)]
    public async Task AResumableUploadThroughAHandlerThatFollowsRedirectsFailsWithInvalidResponse(int length)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 601);
        using var front = new HostileHttpServer(r => HostileReply.Empty(307, "Location: " + new Uri(harness.Server.Endpoint, r.Target)));
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }); // AllowAutoRedirect is true by default
        OssClientOptions options = CallerHttpClientTests.Options(harness, maxRetries: 3);
        using var client = new OssClient(
            new OssClientOptions { Endpoint = front.Endpoint, Region = options.Region, Credentials = options.Credentials, MaxRetryAttempts = 3, RetryBaseDelay = options.RetryBaseDelay, MaxRetryDelay = options.MaxRetryDelay },
            http);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, "redirect/object.bin", checkpoint: false)));

        Assert.Equal(OssClientErrorCode.InvalidResponse, ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Contains("redirected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAutoRedirect = false", ex.Message, StringComparison.Ordinal);
        Assert.Single(front.Received); // refused at once, not retried
        Assert.NotEmpty(harness.Server.Requests); // the followed redirect did reach the other host
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "redirect/object.bin"));
    }
}
