using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Starting, configuring, inspecting and stopping servers.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task ManyServersStartInParallelOnDistinctLoopbackPorts()
    {
        OssTestServer[] servers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OssTestServer.StartAsync()));
        try
        {
            Assert.All(servers, s => Assert.Equal("127.0.0.1", s.Endpoint.Host));
            Assert.Equal(8, servers.Select(s => s.Endpoint.Port).Distinct().Count());
            Assert.All(servers, s => Assert.Equal(OssTestCredential.Default, s.Credential));
        }
        finally
        {
            foreach (OssTestServer server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DisposeFreesThePortAndAnExplicitPortIsHonoured()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        OssTestServer first = await OssTestServer.StartAsync(new OssTestServerOptions { Port = port });
        Assert.Equal(port, first.Endpoint.Port);
        await Assert.ThrowsAnyAsync<IOException>(() => OssTestServer.StartAsync(new OssTestServerOptions { Port = port }));
        await first.DisposeAsync();
        await first.DisposeAsync();

        await using OssTestServer second = await OssTestServer.StartAsync(new OssTestServerOptions { Port = port });
        Assert.Equal(port, second.Endpoint.Port);
        Assert.Equal(404, (await RawRequests.SendAsync(second, HttpMethod.Head, "none", "k")).Status);
    }

    [Fact]
    public async Task InvalidOptionsAreRejectedAtStart()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => OssTestServer.StartAsync(new OssTestServerOptions { StorageMode = OssTestStorageMode.Directory }));
        await Assert.ThrowsAsync<ArgumentException>(() => OssTestServer.StartAsync(new OssTestServerOptions { Region = " " }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { Port = 70_000 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OssTestServer.StartAsync(new OssTestServerOptions { MinPartSize = 0 }));
        var badBucket = new OssTestServerOptions();
        badBucket.Buckets.Add("Not_A_Bucket");
        await Assert.ThrowsAsync<ArgumentException>(() => OssTestServer.StartAsync(badBucket));
        var badCredential = new OssTestServerOptions();
        badCredential.Credentials.Add(new OssTestCredential("id", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => OssTestServer.StartAsync(badCredential));
    }

    [Fact]
    public async Task ChangingTheOptionsAfterStartChangesNothing()
    {
        var options = new OssTestServerOptions { Region = "cn-shanghai" };
        options.Buckets.Add("one");
        await using OssTestServer server = await OssTestServer.StartAsync(options);

        options.Region = "cn-beijing";
        options.Buckets.Add("two");

        Assert.Equal("cn-shanghai", server.Region);
        Assert.Equal(["one"], server.GetBuckets());
    }

    [Fact]
    public async Task CreateClientOptionsAndCreateBucketGiveAWorkingClient()
    {
        var credential = new OssTestCredential("mine", "secret");
        var options = new OssTestServerOptions { Region = "ap-southeast-1" };
        options.Credentials.Add(credential);
        await using OssTestServer server = await OssTestServer.StartAsync(options);
        server.CreateBucket("made-here");
        Assert.Throws<ArgumentException>(() => server.CreateBucket("NO"));

        OssClientOptions clientOptions = server.CreateClientOptions(OssSignatureVersion.V1);
        using var client = new OssClient(clientOptions);
        InitiateMultipartUploadResult result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "made-here", ObjectKey = "k" });

        Assert.Equal(server.Endpoint, clientOptions.Endpoint);
        Assert.Equal("ap-southeast-1", clientOptions.Region);
        Assert.Equal(credential, server.Credential);
        Assert.Equal(OssSignatureVersion.V1, clientOptions.SignatureVersion);
        Assert.Equal("made-here", server.GetUpload(result.UploadId)!.BucketName);
    }

    [Fact]
    public async Task TheServerLogsThroughTheGivenLoggerFactoryOnly()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        await using (OssTestServer server = await TestClients.StartAsync(o => o.LoggerFactory = factory))
        {
            await RawRequests.SendAsync(server, HttpMethod.Get, TestClients.Bucket, "k");
        }

        Assert.Contains(sink.Messages, m => m.Contains("OSS test server listening on http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(sink.Messages, m => m.Contains("GetObject", StringComparison.Ordinal) && m.Contains("404 NoSuchKey", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Messages, m => m.Contains(OssTestCredential.Default.AccessKeySecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRequestLogCanBeClearedAndKeepsCounting()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await RawRequests.SendAsync(server, HttpMethod.Head, TestClients.Bucket, "a");
        server.Requests.Clear();
        await RawRequests.SendAsync(server, HttpMethod.Head, TestClients.Bucket, "b");

        OssRequestRecord record = Assert.Single(server.Requests);
        Assert.Equal(2, record.Sequence);
        Assert.Equal("b", record.ObjectKey);
        Assert.Equal("HEAD", record.Method);
        Assert.Contains("HeadObject", record.ToString(), StringComparison.Ordinal);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages.ToArray();

        public ILogger CreateLogger(string categoryName) => new ListLogger(_messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => messages.Enqueue(formatter(state, exception));
        }
    }
}
