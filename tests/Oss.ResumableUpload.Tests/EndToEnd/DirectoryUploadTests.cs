using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary><see cref="OssClient.UploadDirectoryAsync"/> over real HTTP: selection, keys, budget, failures and progress.</summary>
public sealed class DirectoryUploadTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task ANestedTreeGoesUpUnderThePrefixWithSlashKeysAndTheFiltersApplied()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(
            harness,
            "tree",
            ("readme.txt", 5_000),
            ("données/日本語/ünïcödé.bin", (3 * P) + 17),
            ("données/empty.dat", 0),
            ("logs/app.log", 900),
            ("données/scratch.tmp", 10),
            (".hidden", 20),
            ("données/.cache/blob", 30));
        Directory.CreateDirectory(Path.Combine(root, "empty-directory"));

        DirectoryUploadResult result = await harness.CreateClient().UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            KeyPrefix = "backup/",
            PartSize = P,
            MaxConcurrency = 3,
            Exclude = ["**/*.log", "**/*.tmp"],
        });

        Assert.Equal(["données/empty.dat", "données/日本語/ünïcödé.bin", "readme.txt"], result.Files.Select(f => f.RelativePath));
        Assert.All(result.Files, f => Assert.Equal(DirectoryUploadOutcome.Uploaded, f.Outcome));
        Assert.True(result.Succeeded);
        foreach (DirectoryUploadEntry entry in result.Files)
        {
            Assert.Equal("backup/" + entry.RelativePath, entry.ObjectKey);
            byte[] local = File.ReadAllBytes(Path.Combine(root, entry.RelativePath));
            await harness.AssertStoredAsync(entry.ObjectKey, local, entry.Result!);
        }

        Assert.True(harness.Server.GetObject(EndToEndHarness.Bucket, "backup/données/日本語/ünïcödé.bin")!.IsMultipart);
        Assert.Equal("text/plain", harness.Server.GetObject(EndToEndHarness.Bucket, "backup/readme.txt")!.ContentType);
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "backup/.hidden"));
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "backup/logs/app.log"));
    }

    [Fact]
    public async Task HiddenFilesAndIncludePatternsAreExplicitChoices()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", (".env", 10), ("a/.git/config", 11), ("a/b.json", 12), ("a/c.bin", 13));

        DirectoryUploadResult result = await harness.CreateClient().UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            IncludeHidden = true,
            Include = ["**/*.json", "**/config", ".env"],
        });

        Assert.Equal([".env", "a/.git/config", "a/b.json"], result.Files.Select(f => f.RelativePath));
        Assert.Equal("application/json", harness.Server.GetObject(EndToEndHarness.Bucket, "a/b.json")!.ContentType);
    }

    [Fact]
    public async Task SymbolicLinksAreLeftOutByDefaultAndALoopEndsWhenFollowed()
    {
        Assert.False(OperatingSystem.IsWindows(), "Creating symbolic links needs privileges on Windows; this suite runs on Unix.");
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("x.txt", 100), ("sub/y.txt", 200));
        File.CreateSymbolicLink(Path.Combine(root, "alias.txt"), Path.Combine(root, "x.txt"));
        Directory.CreateSymbolicLink(Path.Combine(root, "sub", "loop"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "self"), Path.Combine(root, "self"));
        OssClient client = harness.CreateClient();

        DirectoryUploadResult plain = await client.UploadDirectoryAsync(DirectoryTestKit.Request(root, prefix: "plain/"));
        DirectoryUploadResult followed = await client.UploadDirectoryAsync(
            new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, KeyPrefix = "followed/", FollowSymbolicLinks = true })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["sub/y.txt", "x.txt"], plain.Files.Select(f => f.RelativePath));
        Assert.Equal(["alias.txt", "sub/y.txt", "x.txt"], followed.Files.Select(f => f.RelativePath));
        Assert.Equal(100, harness.Server.GetObject(EndToEndHarness.Bucket, "followed/alias.txt")!.Size);
    }

    [Fact]
    public async Task MaxConcurrencyBoundsThePutsInFlightAcrossAllFiles()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var files = new List<(string, int)> { ("big/1.bin", 4 * P), ("big/2.bin", 4 * P), ("big/3.bin", (3 * P) + 5) };
        for (int i = 0; i < 12; i++)
        {
            files.Add(($"small/{i:D2}.bin", 1000 + i));
        }

        string root = DirectoryTestKit.CreateTree(harness, "tree", [.. files]);
        var handler = new TrafficHandler { Hold = TimeSpan.FromMilliseconds(30) };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            DirectoryUploadResult result = await client.UploadDirectoryAsync(DirectoryTestKit.Request(root, concurrency: 3));

            Assert.True(result.Succeeded);
            Assert.Equal(15, result.Files.Count);
        }

        Assert.InRange(handler.PeakPutsInFlight, 2, 3);
        Assert.Equal(12, harness.Server.Requests.Of(OssOperationKind.PutObject).Count);
        Assert.Equal(12, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Fact]
    public async Task OneFileFailingDoesNotStopTheOthers()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 100), ("broken.bin", 200), ("c.bin", 2 * P), ("d.bin", 300));
        var handler = new TrafficHandler { FailingKey = "broken.bin" };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            var progress = new DirectoryProgressLog();
            DirectoryUploadResult result = await client.UploadDirectoryAsync(
                new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, PartSize = P, MaxConcurrency = 2, Progress = progress });
            IReadOnlyList<DirectoryUploadProgress> reports = progress.Reports;

            DirectoryUploadEntry broken = Assert.Single(result.Files, f => f.Outcome == DirectoryUploadOutcome.Failed);
            Assert.Equal("broken.bin", broken.RelativePath);
            Assert.NotNull(broken.Error);
            Assert.Null(broken.Result);
            Assert.False(result.Succeeded);
            Assert.Equal(["a.bin", "c.bin", "d.bin"], result.Files.Where(f => f.Outcome == DirectoryUploadOutcome.Uploaded).Select(f => f.RelativePath));
            Assert.NotNull(harness.Server.GetObject(EndToEndHarness.Bucket, "d.bin"));

            DirectoryUploadProgress last = reports[^1];
            Assert.Equal(4, last.FilesCompleted);
            Assert.Equal(1, last.FilesFailed);
            Assert.Equal(4, last.TotalFiles);
            for (int i = 1; i < reports.Count; i++)
            {
                Assert.True(reports[i].TotalBytesSent >= reports[i - 1].TotalBytesSent, "Progress went backwards.");
                Assert.True(reports[i].FilesCompleted >= reports[i - 1].FilesCompleted, "Files completed went backwards.");
            }
        }
    }

    [Fact]
    public async Task StopOnFirstFailureThrowsTheFilesError()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a-broken.bin", 100), ("b.bin", 200), ("c.bin", 300));
        var handler = new TrafficHandler { FailingKey = "a-broken.bin" };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest
            {
                LocalDirectory = root,
                BucketName = EndToEndHarness.Bucket,
                MaxConcurrency = 1,
                StopOnFirstFailure = true,
            }));

            Assert.IsNotAssignableFrom<OperationCanceledException>(error);
            Assert.Contains("a-broken.bin", error.ToString(), StringComparison.Ordinal);
            Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, "c.bin"));
        }
    }

    [Fact]
    public async Task ProgressCoversTheWholeTreeAndEndsAtTheTotals()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 3 * P), ("b.bin", 10), ("c/d.bin", 0), ("c/e.bin", (2 * P) + 1));
        var progress = new DirectoryProgressLog();

        await harness.CreateClient().UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            PartSize = P,
            MaxConcurrency = 2,
            Progress = progress,
        });
        IReadOnlyList<DirectoryUploadProgress> reports = progress.Reports;

        long total = (5 * P) + 11;
        DirectoryUploadProgress last = reports[^1];
        Assert.Equal((total, total, 4, 4, 0), (last.TotalBytesSent, last.TotalBytesExpected, last.FilesCompleted, last.TotalFiles, last.FilesFailed));
        Assert.Empty(last.FilesInFlight);
        Assert.True(last.BytesPerSecond >= 0);
        Assert.Equal(0, reports[0].TotalBytesSent);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].TotalBytesSent >= reports[i - 1].TotalBytesSent, "Progress went backwards.");
        }
    }

    [Fact]
    public async Task AMissingDirectoryOrABadRequestThrowsBeforeAnythingIsSent()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 10));

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => client.UploadDirectoryAsync(DirectoryTestKit.Request(Path.Combine(harness.DirectoryPath, "nope"))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = "Bad_Bucket" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, KeyPrefix = "/abs" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, MaxConcurrency = 0 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, StorageClass = "Gold" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, Exclude = [""] }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, TrafficLimit = 819_199 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UploadDirectoryAsync(new UploadDirectoryRequest { LocalDirectory = root, BucketName = EndToEndHarness.Bucket, TrafficLimit = 838_860_801 }));
        Assert.Empty(harness.Server.Requests.Snapshot());
    }

    [Fact]
    public async Task TheTrafficLimitGoesOnEveryPartAndEverySmallFilesPutObject()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("small.bin", 100), ("b/big.bin", (2 * P) + 1));
        var uploads = new System.Collections.Concurrent.ConcurrentQueue<string?>();
        var handler = new TrafficHandler
        {
            BeforeSend = request =>
            {
                if (request.Method == HttpMethod.Put)
                {
                    uploads.Enqueue(request.Headers.TryGetValues("x-oss-traffic-limit", out IEnumerable<string>? values) ? string.Join(",", values) : null);
                }
            },
        };
        (OssClient client, IDisposable scope) = DirectoryTestKit.CreateClient(harness, handler);
        using (scope)
        {
            DirectoryUploadResult result = await client.UploadDirectoryAsync(new UploadDirectoryRequest
            {
                LocalDirectory = root,
                BucketName = EndToEndHarness.Bucket,
                PartSize = P,
                TrafficLimit = 838_860_800,
            });

            Assert.True(result.Succeeded);
        }

        Assert.Equal(4, uploads.Count); // one PutObject and three parts
        Assert.All(uploads, limit => Assert.Equal("838860800", limit));
    }

    [Fact]
    public async Task ObjectSettingsApplyToEveryObject()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "tree", ("a.bin", 10), ("b/c.bin", 2 * P));

        await harness.CreateClient().UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            PartSize = P,
            StorageClass = "IA",
            Metadata = new Dictionary<string, string> { ["origin"] = "tree" },
        });

        foreach (string key in new[] { "a.bin", "b/c.bin" })
        {
            OssStoredObject stored = harness.Server.GetObject(EndToEndHarness.Bucket, key)!;
            Assert.Equal("IA", stored.StorageClass);
            Assert.Equal("tree", stored.Metadata["x-oss-meta-origin"]);
        }
    }
}
