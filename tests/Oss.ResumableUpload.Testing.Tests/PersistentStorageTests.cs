namespace Oss.ResumableUpload.Testing.Tests;

/// <summary><see cref="OssTestStorageMode.Persistent"/>: unfinished uploads outlive a restart; completed objects and stray files do not.</summary>
public sealed class PersistentStorageTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "oss-persistent-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnfinishedUploadSurvivesARestartAndCompletes()
    {
        byte[] first = Bytes(200 * 1024, 1);
        byte[] second = Bytes(50 * 1024, 2);
        string uploadId;
        await using (OssTestServer server = await StartAsync())
        {
            using var client = new OssClient(server.CreateClientOptions());
            uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = "demo-bucket",
                ObjectKey = "k",
                ContentType = "text/x-test",
                Metadata = new Dictionary<string, string> { ["Origin"] = "test" },
                StorageClass = "IA",
                Tags = new Dictionary<string, string> { ["team"] = "video" },
            })).UploadId;
            await client.UploadPartAsync(new UploadPartRequest { BucketName = "demo-bucket", ObjectKey = "k", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(first) });
        }

        Assert.True(Directory.Exists(_data));
        await using (OssTestServer server = await StartAsync())
        {
            OssStoredUpload upload = Assert.Single(server.GetUploads("demo-bucket"));
            Assert.Equal(uploadId, upload.UploadId);
            Assert.Equal(first.Length, Assert.Single(upload.Parts).Size);

            using var client = new OssClient(server.CreateClientOptions());
            await client.UploadPartAsync(new UploadPartRequest { BucketName = "demo-bucket", ObjectKey = "k", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(second) });
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = "demo-bucket", ObjectKey = "k", UploadId = uploadId, Parts = [], CompleteAll = true });

            byte[] stored = await server.ReadObjectAsync("demo-bucket", "k");
            Assert.Equal(first.Concat(second).ToArray(), stored);
            OssStoredObject described = server.GetObject("demo-bucket", "k")!;
            Assert.Equal("text/x-test", described.ContentType);
            Assert.Equal("test", described.Metadata["x-oss-meta-origin"]);
            Assert.Equal("IA", described.StorageClass);
            Assert.Equal("video", described.Tags["team"]);
            Assert.Empty(server.GetUploads());
        }

        // Nothing pending: the server emptied its directory.
        Assert.Empty(Directory.EnumerateFileSystemEntries(_data));
        await using (OssTestServer server = await StartAsync())
        {
            Assert.Empty(server.GetUploads());
            Assert.Null(server.GetObject("demo-bucket", "k"));
        }
    }

    [Fact]
    public async Task AnAbortedUploadDoesNotComeBackAndStrayFilesAreRemoved()
    {
        await using (OssTestServer server = await StartAsync())
        {
            using var client = new OssClient(server.CreateClientOptions());
            string keep = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "demo-bucket", ObjectKey = "keep" })).UploadId;
            await client.UploadPartAsync(new UploadPartRequest { BucketName = "demo-bucket", ObjectKey = "keep", UploadId = keep, PartNumber = 1, Content = new MemoryStream(Bytes(1000, 3)) });
            string gone = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "demo-bucket", ObjectKey = "gone" })).UploadId;
            await client.UploadPartAsync(new UploadPartRequest { BucketName = "demo-bucket", ObjectKey = "gone", UploadId = gone, PartNumber = 1, Content = new MemoryStream(Bytes(1000, 4)) });
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = "demo-bucket", ObjectKey = "gone", UploadId = gone });
        }

        await File.WriteAllTextAsync(Path.Combine(_data, "uploads", "ABCDEF.json"), "{ not json");
        await File.WriteAllBytesAsync(Path.Combine(_data, "blobs", "stray.blob"), [1, 2, 3]);

        await using (OssTestServer server = await StartAsync())
        {
            Assert.Equal("keep", Assert.Single(server.GetUploads()).ObjectKey);
            Assert.False(File.Exists(Path.Combine(_data, "uploads", "ABCDEF.json")));
            Assert.False(File.Exists(Path.Combine(_data, "blobs", "stray.blob")));
            Assert.Single(Directory.GetFiles(Path.Combine(_data, "blobs")));
        }
    }

    [Fact]
    public async Task ASecondServerOnTheSameDirectoryFailsToStart()
    {
        await using OssTestServer server = await StartAsync();

        IOException error = await Assert.ThrowsAnyAsync<IOException>(() => StartAsync());
        Assert.Contains("in use by another server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentModeNeedsADataDirectory()
    {
        var options = new OssTestServerOptions { StorageMode = OssTestStorageMode.Persistent };

        await Assert.ThrowsAsync<ArgumentException>(() => OssTestServer.StartAsync(options));
    }

    private Task<OssTestServer> StartAsync()
    {
        var options = new OssTestServerOptions { StorageMode = OssTestStorageMode.Persistent, DataDirectory = _data, MinPartSize = 100 * 1024 };
        options.Buckets.Add("demo-bucket");
        return OssTestServer.StartAsync(options);
    }

    private static byte[] Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
