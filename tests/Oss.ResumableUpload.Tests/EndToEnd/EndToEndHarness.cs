using System.Web;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// One <see cref="OssTestServer"/> with a bucket, a private temp directory for files and checkpoints, and clients
/// with fast retries. Everything is real: HTTP on loopback, files on disk, checkpoints in a directory.
/// </summary>
internal sealed class EndToEndHarness : IAsyncDisposable
{
    public const string Bucket = "e2e-bucket";

    /// <summary>The smallest part size OSS allows; keeps the suite fast.</summary>
    public const int PartSize = 100 * 1024;

    private readonly List<IDisposable> _disposables = [];

    private EndToEndHarness(OssTestServer server, string directoryPath)
    {
        Server = server;
        DirectoryPath = directoryPath;
    }

    public OssTestServer Server { get; }

    public string DirectoryPath { get; }

    public string CheckpointDirectory => Path.Combine(DirectoryPath, "checkpoints");

    public static async Task<EndToEndHarness> StartAsync(Action<OssTestServerOptions>? configure = null)
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add(Bucket);
        configure?.Invoke(options);
        OssTestServer server = await OssTestServer.StartAsync(options);
        string directory = Path.Combine(Path.GetTempPath(), "oss-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new EndToEndHarness(server, directory);
    }

    public static byte[] Content(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static ulong Crc64(byte[] data) => OssCrc64.Compute(data);

    public string CreateFile(int length, int seed = 1, string name = "upload.bin")
    {
        string path = Path.Combine(DirectoryPath, name);
        File.WriteAllBytes(path, Content(length, seed));
        return path;
    }

    /// <summary>Client options for this server with quick retries (the delays only slow the suite down).</summary>
    public OssClientOptions ClientOptions(
        OssSignatureVersion signatureVersion = OssSignatureVersion.V4,
        IOssCredentialsProvider? credentials = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
        => new()
        {
            Endpoint = Server.Endpoint,
            Region = Server.Region,
            Credentials = credentials ?? Server.Credential.ToCredentialsProvider(),
            SignatureVersion = signatureVersion,
            LoggerFactory = loggerFactory,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };

    public OssClient CreateClient(
        OssSignatureVersion signatureVersion = OssSignatureVersion.V4,
        IOssCredentialsProvider? credentials = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
        => Track(new OssClient(ClientOptions(signatureVersion, credentials, loggerFactory)));

    /// <summary>A client whose HTTP requests first pass through <paramref name="hook"/> (which runs before the request is sent).</summary>
    public OssClient CreateHookedClient(Func<HttpRequestMessage, CancellationToken, Task> hook, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var handler = new HookHandler(hook) { InnerHandler = new SocketsHttpHandler { UseProxy = false } };
        HttpClient http = Track(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
        return Track(new OssClient(ClientOptions(loggerFactory: loggerFactory), http));
    }

    public ResumableUploadRequest Request(
        string path,
        string key = "dir/object.bin",
        bool checkpoint = true,
        int concurrency = 2,
        UploadCancelBehavior cancelBehavior = UploadCancelBehavior.Abort,
        bool restartWhenCannotResume = false,
        IProgress<UploadProgress>? progress = null,
        OssUploadCallback? callback = null)
        => new()
        {
            BucketName = Bucket,
            ObjectKey = key,
            UploadFilePath = path,
            PartSize = PartSize,
            MaxConcurrency = concurrency,
            CheckpointDirectory = checkpoint ? CheckpointDirectory : null,
            CancelBehavior = cancelBehavior,
            RestartWhenCannotResume = restartWhenCannotResume,
            Progress = progress,
            Callback = callback,
        };

    /// <summary>
    /// Runs an upload with one part in flight and cancels it just before part <paramref name="cancelAtPart"/> is sent,
    /// so parts 1..cancelAtPart-1 are on the server. Returns the upload id.
    /// </summary>
    public async Task<string> UploadAndCancelAtPartAsync(string path, string key, int cancelAtPart, UploadCancelBehavior cancelBehavior = UploadCancelBehavior.KeepForResume, bool checkpoint = true, IProgress<UploadProgress>? progress = null)
    {
        using var cancel = new CancellationTokenSource();
        OssClient client = CreateHookedClient((request, _) =>
        {
            if (PartNumberOf(request) == cancelAtPart)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        });
        int before = Server.Requests.Count;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.ResumableUploadAsync(Request(path, key, checkpoint, concurrency: 1, cancelBehavior, progress: progress), cancel.Token));

        // Parts and the abort name the upload id; with neither, the upload is still listed on the server.
        string? uploadId = Server.Requests.Snapshot().Skip(before).Select(r => r.UploadId).FirstOrDefault(id => id is not null)
            ?? Server.GetUploads(Bucket).Where(u => u.ObjectKey == key).Select(u => u.UploadId).SingleOrDefault();
        Assert.NotNull(uploadId);
        return uploadId;
    }

    public string[] CheckpointFiles()
        => Directory.Exists(CheckpointDirectory) ? Directory.GetFiles(CheckpointDirectory, "*.ckpt") : [];

    /// <summary>Everything in the checkpoint directory: checkpoints, lock files, temporary files.</summary>
    public string[] CheckpointDirectoryEntries()
        => Directory.Exists(CheckpointDirectory) ? Directory.GetFileSystemEntries(CheckpointDirectory) : [];

    /// <summary>Asserts that the server stores exactly <paramref name="expected"/> under the key, with the result's ETag and CRC-64.</summary>
    public async Task AssertStoredAsync(string key, byte[] expected, ResumableUploadResult result)
    {
        OssStoredObject stored = Assert.IsType<OssStoredObject>(Server.GetObject(Bucket, key));
        Assert.Equal(expected.Length, stored.Size);
        Assert.Equal(Crc64(expected), stored.HashCrc64Ecma);
        Assert.Equal(Crc64(expected), result.HashCrc64Ecma);
        Assert.Equal(stored.ETag, result.ETag);
        Assert.Equal(key, result.ObjectKey);
        byte[] actual = await Server.ReadObjectAsync(Bucket, key);
        Assert.True(expected.AsSpan().SequenceEqual(actual), "The stored bytes differ from the file's.");
        Assert.Empty(Server.GetUploads(Bucket));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        await Server.DisposeAsync();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        lock (_disposables)
        {
            _disposables.Add(disposable);
        }

        return disposable;
    }

    /// <summary>Reads the part number of an UploadPart request (null for other requests).</summary>
    public static int? PartNumberOf(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Put || request.RequestUri is null)
        {
            return null;
        }

        string? value = HttpUtility.ParseQueryString(request.RequestUri.Query)["partNumber"];
        return value is null ? null : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class HookHandler(Func<HttpRequestMessage, CancellationToken, Task> hook) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await hook(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
