using Microsoft.Extensions.DependencyInjection;
using Oss.ResumableUpload.Testing;
using Oss.ResumableUpload.Tests.EndToEnd;

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The documented examples that can run, run against <see cref="OssTestServer"/>: they do what the prose says.</summary>
public sealed class SnippetRunTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task CancelAndResumeContinuesFromThePartsOnTheServer()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        string path = s.CreateFile((6 * 1024 * 1024) + 1); // default 1 MiB parts, 4 in flight: part 5 starts once one is done
        using var cts = new CancellationTokenSource();
        using var http = new HttpClient(new CancelAtPart(5, cts) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false } });
        using var client = new OssClient(s.Options(), http);

        ResumableUploadResult resumed = await GettingStartedSnippets.CancelAndResumeAsync(client, path, s.Checkpoints, cts);

        Assert.True(resumed.Resumed);
        Assert.True(resumed.ResumedBytes >= 1024 * 1024);
        Assert.Equal(File.ReadAllBytes(path), await s.Server.ReadObjectAsync("examplebucket", "video.mp4"));
    }

    [Fact]
    public async Task ObjectSettingsAreStored()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        using var client = new OssClient(s.Options());

        await GettingStartedSnippets.ObjectSettingsAsync(client, s.CreateFile((2 * P) + 1));

        OssStoredObject stored = s.Server.GetObject("examplebucket", "reports/2026.pdf")!;
        Assert.Equal(("IA", "AES256", "private", "application/pdf"), (stored.StorageClass, stored.ServerSideEncryption, stored.ObjectAcl, stored.ContentType));
        Assert.Equal("finance", stored.Tags["team"]);
        await Assert.ThrowsAsync<OssServiceException>(() => GettingStartedSnippets.ObjectSettingsAsync(client, s.CreateFile(10, "other.bin"))); // ForbidOverwrite
    }

    [Fact]
    public async Task ThePrimitivesCompleteAnObject()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        using var client = new OssClient(s.Options());
        byte[] content = EndToEndHarness.Content(1000, seed: 3);

        CompleteMultipartUploadResult done = await PrimitiveSnippets.PrimitivesAsync(client, new MemoryStream(content));

        Assert.Equal(EndToEndHarness.Crc64(content), done.HashCrc64Ecma);
        Assert.Equal(content, await s.Server.ReadObjectAsync("examplebucket", "big.bin"));
    }

    [Fact]
    public async Task ThePresignedUploadUrlAcceptsAPutWithItsContentType()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        using var client = new OssClient(s.Options());
        InitiateMultipartUploadResult init = await client.InitiateMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "big.bin" });

        (Uri upload, Uri download, Uri part) = PrimitiveSnippets.Presign(client, init);

        using var plain = new HttpClient();
        using var body = new ByteArrayContent([1, 2, 3]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        (await plain.PutAsync(upload, body)).EnsureSuccessStatusCode();
        Assert.Equal([1, 2, 3], await plain.GetByteArrayAsync(download));
        (await plain.PutAsync(part, new ByteArrayContent([4]))).EnsureSuccessStatusCode();
        Assert.Single(s.Server.GetUpload(init.UploadId)!.Parts);
    }

    [Fact]
    public async Task AbortIncompleteUploadsLeavesARecentUploadAlone()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        using var client = new OssClient(s.Options());
        InitiateMultipartUploadResult recent = await client.InitiateMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "videos/today.mp4" });

        IReadOnlyList<OssMultipartUploadInfo> aborted = await PrimitiveSnippets.AbandonedUploadsAsync(client);

        Assert.Empty(aborted);
        Assert.NotNull(s.Server.GetUpload(recent.UploadId));
    }

    [Fact]
    public async Task TheOwnHttpClientSetupUploads()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        using OssClient client = HttpClientSnippets.CreateWithOwnHttpClient(s.Options(), out HttpClient http);
        using (http)
        {
            ResumableUploadResult result = await client.ResumableUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "own.bin", UploadFilePath = s.CreateFile((2 * P) + 5), PartSize = P });

            Assert.Equal(result.ETag, s.Server.GetObject("examplebucket", "own.bin")!.ETag);
            Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        }
    }

    [Fact]
    public async Task TheFactorySetupRemovesTheDefaultResilienceHandler()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        var services = new ServiceCollection();
        HttpClientSnippets.AddOssHttpClient(services);
        await using ServiceProvider provider = services.BuildServiceProvider();
        using OssClient client = HttpClientSnippets.CreateFromFactory(provider, s.Options(maxRetries: 0));
        s.Server.Faults.FailNext(OssOperationKind.InitiateMultipartUpload, statusCode: 503, errorCode: "ServiceUnavailable");

        // With the standard handler still in place, it would have retried the 503 itself and the call would succeed.
        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.InitiateMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "factory.bin" }));

        Assert.Equal(503, ex.StatusCode);
        Assert.Single(s.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload));
        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient("oss").Timeout);
    }

    [Fact]
    public async Task TheRetryPipelineRetriesATransientFailure()
    {
        await using SnippetServer s = await SnippetServer.StartAsync();
        OssClientOptions options = HttpClientSnippets.WithRetryPipeline(s.Server.Endpoint, s.Server.Region, s.Server.Credential.ToCredentialsProvider());
        using var client = new OssClient(options);
        s.Server.Faults.FailNext(OssOperationKind.InitiateMultipartUpload, statusCode: 503, errorCode: "ServiceUnavailable");
        s.Server.Faults.FailNext(OssOperationKind.UploadPart, statusCode: 403, errorCode: "AccessDenied");

        InitiateMultipartUploadResult init = await client.InitiateMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "pipeline.bin" });
        var denied = await Assert.ThrowsAsync<OssServiceException>(() => client.UploadPartAsync(new() { BucketName = "examplebucket", ObjectKey = "pipeline.bin", UploadId = init.UploadId, PartNumber = 1, Content = new MemoryStream([1]) }));

        Assert.Equal(2, s.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Count); // retried
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Single(s.Server.Requests.Of(OssOperationKind.UploadPart)); // not retried
    }

    /// <summary>A test server with the snippets' buckets and a private directory.</summary>
    private sealed class SnippetServer : IAsyncDisposable
    {
        private SnippetServer(OssTestServer server, string directory)
        {
            Server = server;
            Directory = directory;
        }

        public OssTestServer Server { get; }

        public string Directory { get; }

        public string Checkpoints => Path.Combine(Directory, "checkpoints");

        public static async Task<SnippetServer> StartAsync(params string[] buckets)
        {
            var options = new OssTestServerOptions();
            foreach (string bucket in buckets.Length == 0 ? ["examplebucket"] : buckets)
            {
                options.Buckets.Add(bucket);
            }

            string directory = Path.Combine(Path.GetTempPath(), "oss-snippets-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            return new SnippetServer(await OssTestServer.StartAsync(options), directory);
        }

        public OssClientOptions Options(int maxRetries = 3) => new()
        {
            Endpoint = Server.Endpoint,
            Region = Server.Region,
            Credentials = Server.Credential.ToCredentialsProvider(),
            MaxRetryAttempts = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        };

        public string CreateFile(int length, string name = "file.bin")
        {
            string path = Path.Combine(Directory, name);
            File.WriteAllBytes(path, EndToEndHarness.Content(length, seed: length));
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>Cancels the upload as part <paramref name="partNumber"/> is about to be sent.</summary>
    private sealed class CancelAtPart(int partNumber, CancellationTokenSource cts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (EndToEndHarness.PartNumberOf(request) == partNumber && !cts.IsCancellationRequested)
            {
                cts.Cancel();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
