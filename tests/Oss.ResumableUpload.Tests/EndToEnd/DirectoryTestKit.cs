namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Builds local trees for the directory upload tests and clients whose traffic they can watch and break.</summary>
internal static class DirectoryTestKit
{
    public static string CreateTree(EndToEndHarness harness, string name, params (string RelativePath, int Length)[] files)
    {
        string root = Path.Combine(harness.DirectoryPath, name);
        Directory.CreateDirectory(root);
        int seed = 100;
        foreach ((string relative, int length) in files)
        {
            string path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, EndToEndHarness.Content(length, seed++));
        }

        return root;
    }

    public static UploadDirectoryRequest Request(string root, string prefix = "", int concurrency = 4, string? checkpointDirectory = null)
        => new()
        {
            LocalDirectory = root,
            BucketName = EndToEndHarness.Bucket,
            KeyPrefix = prefix,
            PartSize = EndToEndHarness.PartSize,
            MaxConcurrency = concurrency,
            CheckpointDirectory = checkpointDirectory,
        };

    /// <summary>A client over <paramref name="handler"/>; both are disposed with the returned scope.</summary>
    public static (OssClient Client, IDisposable Scope) CreateClient(EndToEndHarness harness, TrafficHandler handler)
    {
        handler.InnerHandler ??= new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new OssClient(harness.ClientOptions(), http);
        return (client, new Scope(client, http));
    }

    public static long BodyBytesFor(EndToEndHarness harness, string key, long fromSequence = 0)
        => harness.Server.Requests.Snapshot().Where(r => r.Sequence > fromSequence && r.ObjectKey == key).Sum(r => r.BodyBytesReceived);

    public static long LastSequence(EndToEndHarness harness)
        => harness.Server.Requests.Snapshot().Select(r => r.Sequence).DefaultIfEmpty(0).Max();

    private sealed class Scope(OssClient client, HttpClient http) : IDisposable
    {
        public void Dispose()
        {
            client.Dispose();
            http.Dispose();
        }
    }
}

/// <summary>
/// Counts the PUT requests (UploadPart and PutObject: the ones with a body) in flight at once, optionally holds each
/// a little so that they overlap, fails every request for one key, and runs a hook before each request.
/// </summary>
internal sealed class TrafficHandler : DelegatingHandler
{
    private int _inFlight;
    private int _peak;

    public TimeSpan Hold { get; init; }

    /// <summary>Gets the key whose every request fails with a transport error (the URL path ends with it).</summary>
    public string? FailingKey { get; init; }

    public Action<HttpRequestMessage>? BeforeSend { get; set; }

    public int PeakPutsInFlight => Volatile.Read(ref _peak);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        BeforeSend?.Invoke(request);
        if (FailingKey is not null && request.RequestUri!.AbsolutePath.EndsWith("/" + FailingKey, StringComparison.Ordinal))
        {
            throw new HttpRequestException("Injected transport failure for " + FailingKey);
        }

        if (request.Method != HttpMethod.Put)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        int now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        try
        {
            if (Hold > TimeSpan.Zero)
            {
                await Task.Delay(Hold, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

/// <summary>Records directory progress reports synchronously, in the order they were made.</summary>
internal sealed class DirectoryProgressLog : IProgress<DirectoryUploadProgress>
{
    private readonly List<DirectoryUploadProgress> _reports = [];

    public IReadOnlyList<DirectoryUploadProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(DirectoryUploadProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
