using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// OSS never redirects a signed request. The library refuses every 3xx reply and every reply that came from a URI
/// other than the one it signed (a caller's handler followed a redirect): InvalidResponse, not retried, and the
/// part or object is never reported as stored.
/// </summary>
public sealed class RedirectTests
{
    [Fact]
    public async Task A_caller_handler_that_follows_a_307_on_upload_part_gives_invalid_response_and_no_part()
    {
        byte[] content = [1, 2, 3, 4];
        using var elsewhere = new HostileHttpServer(_ => HostileReply.Empty(200, "ETag: " + HostileClient.Md5ETag(content), "x-oss-hash-crc64ecma: 1"));
        using var server = new HostileHttpServer(r => HostileReply.Empty(307, "Location: " + new Uri(elsewhere.Endpoint, r.Target)));
        using var httpClient = new HttpClient(new HttpClientHandler()); // AllowAutoRedirect is true by default
        var logs = new ListLoggerFactory();
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3, httpClient: httpClient, logs: logs);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.UploadPartAsync(client, content));

        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(elsewhere.Endpoint.Authority, ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Received); // not retried
        LogLine refused = Assert.Single(logs.Lines, l => l.EventId.Id == 1400);
        Assert.Equal(LogLevel.Warning, refused.Level);
        HostileRequest forwarded = Assert.Single(elsewhere.Received);

        // What the caller's handler forwarded is out of the library's hands: .NET drops Authorization on a redirect
        // but forwards other headers, the STS token and the body included. Hence the documented rule that a
        // caller's handler must not follow redirects (AllowAutoRedirect = false).
        Assert.False(forwarded.Headers.ContainsKey("Authorization"));
        Assert.Equal(HostileClient.Token, forwarded.Headers["x-oss-security-token"]);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task The_library_handler_follows_no_redirect_and_a_3xx_is_invalid_response(int status)
    {
        using var elsewhere = new HostileHttpServer(_ => HostileReply.Text(200, HostileClient.InitiateXml()));
        using var server = new HostileHttpServer(r => HostileReply.Empty(status, "Location: " + new Uri(elsewhere.Endpoint, r.Target)));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Received);
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task A_3xx_that_a_caller_handler_did_not_follow_is_invalid_response()
    {
        using var server = new HostileHttpServer(_ => HostileReply.Empty(302, "Location: /elsewhere"));
        using var httpClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using OssClient client = HostileClient.Create(server.Endpoint, httpClient: httpClient);

        await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));
    }

    [Fact]
    public async Task A_redirected_initiate_is_not_accepted()
    {
        using var elsewhere = new HostileHttpServer(_ => HostileReply.Text(200, HostileClient.InitiateXml("U-ELSEWHERE")));
        using var server = new HostileHttpServer(r => HostileReply.Empty(302, "Location: " + new Uri(elsewhere.Endpoint, r.Target)));
        using var httpClient = new HttpClient(new HttpClientHandler());
        using OssClient client = HostileClient.Create(server.Endpoint, httpClient: httpClient);

        await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.Single(elsewhere.Received);
    }

    [Fact]
    public async Task A_resumable_upload_whose_parts_are_redirected_fails_and_completes_nothing()
    {
        string path = Path.Combine(Path.GetTempPath(), "oss-redirect-" + Guid.NewGuid().ToString("N"));
        byte[] file = new byte[(2 * 1024 * 1024) + 100];
        Random.Shared.NextBytes(file);
        await File.WriteAllBytesAsync(path, file);
        try
        {
            // Elsewhere "stores" anything with the right ETag; the real server initiates, redirects parts and aborts.
            using var elsewhere = new HostileHttpServer(r => HostileReply.Empty(200, "ETag: " + HostileClient.Md5ETag(r.Body)));
            using var server = new HostileHttpServer(r => r switch
            {
                { Method: "POST" } when r.Has("uploads") => HostileReply.Text(200, HostileClient.InitiateXml("U1", "big.bin")),
                { Method: "PUT" } => HostileReply.Empty(307, "Location: " + new Uri(elsewhere.Endpoint, r.Target)),
                { Method: "DELETE" } => HostileReply.Empty(204),
                _ => HostileReply.Text(400, "<Error><Code>Unexpected</Code></Error>"),
            });
            using var httpClient = new HttpClient(new HttpClientHandler());
            using OssClient client = HostileClient.Create(server.Endpoint, httpClient: httpClient);

            var ex = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(new ResumableUploadRequest
            {
                BucketName = HostileClient.Bucket,
                ObjectKey = "big.bin",
                UploadFilePath = path,
                MaxConcurrency = 1,
            }));

            Assert.Equal(OssClientErrorCode.InvalidResponse, ex.ErrorCode);
            Assert.DoesNotContain(server.Received, r => r.Method == "POST" && r.Has("uploadId")); // never completed
        }
        finally
        {
            File.Delete(path);
        }
    }
}
