namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Directory storage mode: file permissions, and what is left on disk after the server stops.</summary>
public sealed class StorageDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "oss-storage-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task BlobFilesAreReadableByTheOwnerOnlyAndDirectoriesArePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }

        string data = Path.Combine(_root, "data");
        await using OssTestServer server = await StartAsync(data);
        await RawRequests.SendAsync(server, HttpMethod.Put, TestClients.Bucket, "object", body: [1, 2, 3]);
        string uploadId = await RawRequests.InitiateAsync(server, "multipart");
        await RawRequests.UploadPartAsync(server, "multipart", uploadId, 1, [4, 5, 6]);

        string[] files = Directory.GetFiles(server.StorageDirectory!, "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        foreach (string file in files)
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(server.StorageDirectory!));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(data));
    }

    [Fact]
    public async Task DisposeDeletesTheStorageDirectoryAndTheDataDirectoryTheServerCreated()
    {
        string data = Path.Combine(_root, "created-by-the-server");
        OssTestServer server = await StartAsync(data);
        await RawRequests.SendAsync(server, HttpMethod.Put, TestClients.Bucket, "object", body: [1, 2, 3]);
        string storage = server.StorageDirectory!;
        Assert.NotEmpty(Directory.GetFiles(storage));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(storage), "the storage directory was left behind");
        Assert.False(Directory.Exists(data), "the data directory the server created was left behind");
    }

    [Fact]
    public async Task DisposeKeepsAnExistingDataDirectoryAndWhatElseIsInIt()
    {
        string data = Path.Combine(_root, "existing");
        Directory.CreateDirectory(data);
        string keep = Path.Combine(data, "keep.txt");
        await File.WriteAllTextAsync(keep, "not the server's");
        OssTestServer server = await StartAsync(data);
        await RawRequests.SendAsync(server, HttpMethod.Put, TestClients.Bucket, "object", body: [1, 2, 3]);
        string storage = server.StorageDirectory!;

        await server.DisposeAsync();

        Assert.False(Directory.Exists(storage));
        Assert.True(File.Exists(keep));
    }

    [Fact]
    public async Task DisposeWhileAPartIsStreamingLeavesNothingBehind()
    {
        string data = Path.Combine(_root, "streaming");
        OssTestServer server = await StartAsync(data, o => o.VerifySignatures = false);
        string uploadId = await RawRequests.InitiateAsync(server, "slow");
        string storage = server.StorageDirectory!;
        Task<StreamedReply> streaming = StreamingRequests.SendChunkedAsync(
            server, "PUT", $"/{TestClients.Bucket}/slow?partNumber=1&uploadId={uploadId}", total: 64 * 1024 * 1024, chunkSize: 1024, pause: TimeSpan.FromMilliseconds(50), timeout: TimeSpan.FromSeconds(30));
        using (var waited = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (server.GetPartBytesReceived(uploadId) == 0)
            {
                await Task.Delay(20, waited.Token);
            }
        }

        Assert.NotEmpty(Directory.GetFiles(storage));

        await server.DisposeAsync();
        StreamedReply reply = await streaming;

        Assert.Equal(0, reply.Status);
        Assert.False(Directory.Exists(storage), "the storage directory was left behind");
        Assert.False(Directory.Exists(data), "the data directory the server created was left behind");
    }

    private static Task<OssTestServer> StartAsync(string dataDirectory, Action<OssTestServerOptions>? configure = null)
        => TestClients.StartAsync(o =>
        {
            o.StorageMode = OssTestStorageMode.Directory;
            o.DataDirectory = dataDirectory;
            configure?.Invoke(o);
        });
}
