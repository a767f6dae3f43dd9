using System.Collections.Concurrent;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Storage class, encryption, tags, ACL, stored HTTP headers, ForbidOverwrite and TrafficLimit, end to end.</summary>
public sealed class ObjectSettingsTests
{
    private const int P = EndToEndHarness.PartSize;

    private static readonly DateTimeOffset s_expires = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Theory]
    [InlineData(P / 2, false)]
    [InlineData((2 * P) + 1, true)]
    public async Task EverySettingIsStoredOnTheObjectAndReadBackByHeadObject(int length, bool multipart)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 201);
        ResumableUploadRequest request = WithSettings(harness.Request(path, "settings/all.bin"));

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(request);

        Assert.Equal(multipart, result.UploadId is not null);
        Assert.Equal(multipart ? 1 : 0, harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Count);
        Assert.Equal(multipart ? 0 : 1, harness.Server.Requests.Of(OssOperationKind.PutObject).Count);
        await harness.AssertStoredAsync("settings/all.bin", File.ReadAllBytes(path), result);

        OssStoredObject stored = harness.Server.GetObject(EndToEndHarness.Bucket, "settings/all.bin")!;
        Assert.Equal("IA", stored.StorageClass);
        Assert.Equal("KMS", stored.ServerSideEncryption);
        Assert.Equal("key-1", stored.ServerSideEncryptionKeyId);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a b", ["k&=?"] = "v/é" }, stored.Tags);
        Assert.Equal("public-read", stored.ObjectAcl);
        Assert.Equal("max-age=60", stored.CacheControl);
        Assert.Equal("attachment; filename=\"all.bin\"", stored.ContentDisposition);
        Assert.Equal("identity", stored.ContentEncoding);
        Assert.Equal("Tue, 06 May 2031 07:08:09 GMT", stored.Expires);
        Assert.Equal("application/x-settings", stored.ContentType);

        HeadObjectResult head = await harness.CreateClient().HeadObjectAsync(new HeadObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "settings/all.bin" });
        Assert.Equal("IA", head.StorageClass);
        Assert.Equal("KMS", head.ServerSideEncryption);
        Assert.Equal("key-1", head.ServerSideEncryptionKeyId);
        Assert.Equal(2, head.TaggingCount);
        Assert.Equal("application/x-settings", head.ContentType);
        Assert.Equal("max-age=60", head.CacheControl);
        Assert.Equal("attachment; filename=\"all.bin\"", head.ContentDisposition);
        Assert.Equal("identity", head.ContentEncoding);
        Assert.Equal(s_expires, head.Expires);
        Assert.Equal("yes", head.Metadata["settings"]);
    }

    [Fact]
    public async Task WithoutSettingsTheObjectHasTheServerDefaults()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((2 * P) + 1, seed: 202);
        await harness.CreateClient().ResumableUploadAsync(harness.Request(path, "settings/none.bin"));

        HeadObjectResult head = await harness.CreateClient().HeadObjectAsync(new HeadObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "settings/none.bin" });
        Assert.Equal("Standard", head.StorageClass);
        Assert.Null(head.ServerSideEncryption);
        Assert.Null(head.ServerSideEncryptionKeyId);
        Assert.Null(head.TaggingCount);
        Assert.Null(head.CacheControl);
        Assert.Null(head.ContentDisposition);
        Assert.Null(head.ContentEncoding);
        Assert.Null(head.Expires);
    }

    [Fact]
    public async Task PutObjectAndInitiateStoreTheSettingsToo()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        using var content = new MemoryStream(EndToEndHarness.Content(1000, 203));
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "settings/put.bin",
            Content = content,
            StorageClass = "Archive",
            ServerSideEncryption = "SM4",
            Tags = new Dictionary<string, string> { ["a"] = "1" },
            CacheControl = "no-cache",
            Expires = s_expires,
            TrafficLimit = 8_000_000,
        });
        OssStoredObject put = harness.Server.GetObject(EndToEndHarness.Bucket, "settings/put.bin")!;
        Assert.Equal("Archive", put.StorageClass);
        Assert.Equal("SM4", put.ServerSideEncryption);
        Assert.Equal("1", put.Tags["a"]);
        Assert.Equal("no-cache", put.CacheControl);

        InitiateMultipartUploadResult initiated = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "settings/initiated.bin",
            StorageClass = "DeepColdArchive",
            ObjectAcl = "private",
            ContentDisposition = "inline",
        });
        using var part = new MemoryStream(EndToEndHarness.Content(1000, 204));
        UploadPartResult uploaded = await client.UploadPartAsync(new UploadPartRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "settings/initiated.bin", UploadId = initiated.UploadId, PartNumber = 1, Content = part });
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "settings/initiated.bin", UploadId = initiated.UploadId, Parts = [new PartETag(1, uploaded.ETag)] });
        OssStoredObject assembled = harness.Server.GetObject(EndToEndHarness.Bucket, "settings/initiated.bin")!;
        Assert.Equal("DeepColdArchive", assembled.StorageClass);
        Assert.Equal("private", assembled.ObjectAcl);
        Assert.Equal("inline", assembled.ContentDisposition);
    }

    [Theory]
    [InlineData(P / 2)]
    [InlineData((2 * P) + 1)]
    public async Task ForbidOverwriteOnAnExistingObjectFailsWithFileAlreadyExistsAndLeavesNoUpload(int length)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 205);
        OssClient client = harness.CreateClient();
        await client.ResumableUploadAsync(harness.Request(path, "settings/exists.bin"));
        harness.Server.Requests.Clear();

        ResumableUploadRequest forbid = harness.Request(path, "settings/exists.bin");
        OssServiceException error = await Assert.ThrowsAsync<OssServiceException>(
            () => client.ResumableUploadAsync(new ResumableUploadRequest
            {
                BucketName = forbid.BucketName,
                ObjectKey = forbid.ObjectKey,
                UploadFilePath = path,
                PartSize = P,
                CheckpointDirectory = forbid.CheckpointDirectory,
                ForbidOverwrite = true,
            }));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal("FileAlreadyExists", error.ErrorCode);
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.UploadPart));
        Assert.Empty(harness.Server.GetUploads());
        Assert.Empty(Directory.Exists(harness.CheckpointDirectory) ? Directory.GetFiles(harness.CheckpointDirectory) : []);

        // A new key goes through.
        await client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = forbid.BucketName, ObjectKey = "settings/new.bin", UploadFilePath = path, PartSize = P, ForbidOverwrite = true });
        Assert.NotNull(harness.Server.GetObject(EndToEndHarness.Bucket, "settings/new.bin"));
    }

    [Fact]
    public async Task ForbidOverwriteWhenTheObjectAppearsDuringTheUploadAbortsIt()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((3 * P) + 1, seed: 206);
        OssClient other = harness.CreateClient();
        int raced = 0;
        OssClient client = harness.CreateHookedClient(async (message, token) =>
        {
            if (message.RequestUri!.Query.Contains("partNumber=", StringComparison.Ordinal) && Interlocked.Exchange(ref raced, 1) == 0)
            {
                using var content = new MemoryStream([1, 2, 3]);
                await other.PutObjectAsync(new PutObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "settings/raced.bin", Content = content }, token);
            }
        });

        OssServiceException error = await Assert.ThrowsAsync<OssServiceException>(
            () => client.ResumableUploadAsync(new ResumableUploadRequest
            {
                BucketName = EndToEndHarness.Bucket,
                ObjectKey = "settings/raced.bin",
                UploadFilePath = path,
                PartSize = P,
                CheckpointDirectory = harness.CheckpointDirectory,
                ForbidOverwrite = true,
            }));

        Assert.Equal("FileAlreadyExists", error.ErrorCode);
        Assert.Equal(3, harness.Server.GetObject(EndToEndHarness.Bucket, "settings/raced.bin")!.Size);
        Assert.Empty(harness.Server.GetUploads());
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
    }

    [Theory]
    [InlineData(P / 2, "PutObject")]
    [InlineData((3 * P) + 1, "UploadPart")]
    public async Task TrafficLimitIsSentOnEveryPartAndOnPutObjectButNotOnInitiate(int length, string carrier)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 207);
        var seen = new ConcurrentQueue<(string Request, string? Limit)>();
        OssClient client = harness.CreateHookedClient((message, _) =>
        {
            string query = message.RequestUri!.Query;
            string kind = query.Contains("partNumber=", StringComparison.Ordinal) ? "UploadPart"
                : query.Contains("uploads", StringComparison.Ordinal) ? "Initiate"
                : query.Contains("uploadId=", StringComparison.Ordinal) ? "Complete"
                : message.Method == HttpMethod.Put ? "PutObject" : message.Method.Method;
            seen.Enqueue((kind, message.Headers.TryGetValues("x-oss-traffic-limit", out IEnumerable<string>? values) ? string.Join(",", values) : null));
            return Task.CompletedTask;
        });
        ResumableUploadRequest defaults = harness.Request(path, "settings/limited.bin");

        await client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = defaults.BucketName, ObjectKey = defaults.ObjectKey, UploadFilePath = path, PartSize = P, TrafficLimit = 838_860_800 });

        Assert.Equal(carrier == "UploadPart" ? 4 : 1, seen.Count(s => s.Request == carrier));
        Assert.All(seen, s => Assert.Equal(s.Request == carrier ? "838860800" : null, s.Limit));
    }

    [Theory]
    [InlineData(P / 2)]
    [InlineData(P + (P / 2))]
    public async Task TheServerReadsNoFasterThanTheTrafficLimit(int length)
    {
        const long limit = 819_200; // 100 KiB/s
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 209);
        OssClient client = harness.CreateClient();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        ResumableUploadResult result = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "settings/throttled.bin",
            UploadFilePath = path,
            PartSize = P,
            MaxConcurrency = 1,
            TrafficLimit = limit,
        });
        clock.Stop();

        await harness.AssertStoredAsync("settings/throttled.bin", File.ReadAllBytes(path), result);
        double bitsPerSecond = length * 8.0 / clock.Elapsed.TotalSeconds;
        Assert.True(bitsPerSecond <= limit, $"{length} bytes in {clock.Elapsed.TotalMilliseconds:F0} ms is {bitsPerSecond:F0} bit/s, over the {limit} bit/s limit.");
    }

    [Fact]
    public async Task InvalidSettingsThrowArgumentExceptionBeforeAnyRequest()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(P / 2, seed: 208);
        OssClient client = harness.CreateClient();
        Func<ResumableUploadRequest, ResumableUploadRequest>[] invalid =
        [
            r => Copy(r, storageClass: "standard"),
            r => Copy(r, sse: "aes256"),
            r => Copy(r, sse: "AES256", keyId: "k"),
            r => Copy(r, keyId: "k"),
            r => Copy(r, acl: "Private"),
            r => Copy(r, cacheControl: "a\r\nx-evil: 1"),
            r => Copy(r, disposition: "a\nb"),
            r => Copy(r, encoding: "gzip\r"),
            r => Copy(r, tags: Enumerable.Range(0, 11).ToDictionary(i => "k" + i, i => "v")),
            r => Copy(r, tags: new Dictionary<string, string> { [new string('k', 129)] = "v" }),
            r => Copy(r, tags: new Dictionary<string, string> { ["k"] = new string('v', 257) }),
            r => Copy(r, tags: new Dictionary<string, string> { [string.Empty] = "v" }),
            r => Copy(r, trafficLimit: 819_199),
            r => Copy(r, trafficLimit: 838_860_801),
        ];

        foreach (Func<ResumableUploadRequest, ResumableUploadRequest> make in invalid)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ResumableUploadAsync(make(harness.Request(path, "settings/invalid.bin"))));
            using var content = new MemoryStream([1]);
            ResumableUploadRequest r = make(harness.Request(path, "settings/invalid.bin"));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = r.BucketName, ObjectKey = r.ObjectKey, Content = content, StorageClass = r.StorageClass, ServerSideEncryption = r.ServerSideEncryption,
                ServerSideEncryptionKeyId = r.ServerSideEncryptionKeyId, ObjectAcl = r.ObjectAcl, CacheControl = r.CacheControl, ContentDisposition = r.ContentDisposition,
                ContentEncoding = r.ContentEncoding, Tags = r.Tags, TrafficLimit = r.TrafficLimit,
            }));
            if (r.TrafficLimit is null)
            {
                await Assert.ThrowsAnyAsync<ArgumentException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
                {
                    BucketName = r.BucketName, ObjectKey = r.ObjectKey, StorageClass = r.StorageClass, ServerSideEncryption = r.ServerSideEncryption,
                    ServerSideEncryptionKeyId = r.ServerSideEncryptionKeyId, ObjectAcl = r.ObjectAcl, CacheControl = r.CacheControl, ContentDisposition = r.ContentDisposition,
                    ContentEncoding = r.ContentEncoding, Tags = r.Tags,
                }));
            }
        }

        Assert.Empty(harness.Server.Requests);

        // The limits themselves are allowed.
        await client.ResumableUploadAsync(Copy(
            harness.Request(path, "settings/limits.bin"),
            tags: Enumerable.Range(0, 10).ToDictionary(i => new string('k', 127) + i, i => new string('v', 256)),
            trafficLimit: 819_200));
        Assert.Equal(10, harness.Server.GetObject(EndToEndHarness.Bucket, "settings/limits.bin")!.Tags.Count);
    }

    private static ResumableUploadRequest WithSettings(ResumableUploadRequest r) => new()
    {
        BucketName = r.BucketName,
        ObjectKey = r.ObjectKey,
        UploadFilePath = r.UploadFilePath,
        PartSize = r.PartSize,
        CheckpointDirectory = r.CheckpointDirectory,
        ContentType = "application/x-settings",
        Metadata = new Dictionary<string, string> { ["settings"] = "yes" },
        StorageClass = "IA",
        ServerSideEncryption = "KMS",
        ServerSideEncryptionKeyId = "key-1",
        Tags = new Dictionary<string, string> { ["team"] = "a b", ["k&=?"] = "v/é" },
        ObjectAcl = "public-read",
        CacheControl = "max-age=60",
        ContentDisposition = "attachment; filename=\"all.bin\"",
        ContentEncoding = "identity",
        Expires = s_expires,
        TrafficLimit = 838_860_800,
    };

    private static ResumableUploadRequest Copy(
        ResumableUploadRequest r,
        string? storageClass = null,
        string? sse = null,
        string? keyId = null,
        string? acl = null,
        string? cacheControl = null,
        string? disposition = null,
        string? encoding = null,
        IReadOnlyDictionary<string, string>? tags = null,
        long? trafficLimit = null) => new()
    {
        BucketName = r.BucketName,
        ObjectKey = r.ObjectKey,
        UploadFilePath = r.UploadFilePath,
        PartSize = r.PartSize,
        StorageClass = storageClass,
        ServerSideEncryption = sse,
        ServerSideEncryptionKeyId = keyId,
        ObjectAcl = acl,
        CacheControl = cacheControl,
        ContentDisposition = disposition,
        ContentEncoding = encoding,
        Tags = tags,
        TrafficLimit = trafficLimit,
    };
}
