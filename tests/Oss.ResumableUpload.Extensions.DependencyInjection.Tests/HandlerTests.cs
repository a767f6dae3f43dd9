using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Oss.ResumableUpload.Extensions.DependencyInjection.Tests;

/// <summary>The HttpClient the registration builds: its primary handler and timeout, and what a redirect does.</summary>
public sealed class HandlerTests
{
    [Fact]
    public void The_primary_handler_never_redirects_or_decompresses_and_pools_for_parallel_parts()
    {
        var services = new ServiceCollection();
        services.AddOssClient(s => s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"));
        services.AddOssClient("tuned", s => { s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"); s.MaxConnectionsPerServer = 32; s.PooledConnectionLifetime = TimeSpan.FromMinutes(2); });
        using ServiceProvider provider = services.BuildServiceProvider();
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        SocketsHttpHandler primary = Primary(handlers.CreateHandler("Oss.ResumableUpload"));
        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.None, primary.AutomaticDecompression);
        Assert.False(primary.UseCookies);
        Assert.Equal(256, primary.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(5), primary.PooledConnectionLifetime);

        SocketsHttpHandler tuned = Primary(handlers.CreateHandler("Oss.ResumableUpload:tuned"));
        Assert.Equal(32, tuned.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(2), tuned.PooledConnectionLifetime);

        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient("Oss.ResumableUpload").Timeout);
    }

    [Fact]
    public async Task A_redirecting_server_gets_a_typed_error_and_the_other_host_sees_nothing()
    {
        using var target = new CountingListener(_ => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var redirector = new CountingListener(_ => $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {target.Url}bucket/key?uploads\r\nContent-Length: 0\r\n\r\n");
        var services = new ServiceCollection();
        services.AddOssClient(s =>
        {
            s.Endpoint = redirector.Url;
            s.Region = "cn-hangzhou";
            s.AccessKeyId = "id";
            s.AccessKeySecret = "secret";
            s.SecurityToken = "sts-token";
            s.MaxRetryAttempts = 0;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<OssClientException>(() => provider.GetRequiredService<OssClient>()
            .InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "bucket", ObjectKey = "key" }));

        Assert.Equal(OssClientErrorCode.InvalidResponse, ex.ErrorCode);
        Assert.Equal(1, redirector.Requests);
        Assert.Equal(0, target.Requests);
    }

    [Fact]
    public async Task Handlers_added_to_the_returned_builder_run()
    {
        using var server = new CountingListener(_ => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddOssClient(s =>
            {
                s.Endpoint = server.Url;
                s.Region = "cn-hangzhou";
                s.AccessKeyId = "id";
                s.AccessKeySecret = "secret";
                s.MaxRetryAttempts = 0;
            })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<OssServiceException>(() => provider.GetRequiredService<OssClient>()
            .AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = "bucket", ObjectKey = "key", UploadId = "u1" }));

        Assert.Equal(["DELETE /bucket/key?uploadId=u1"], seen);
    }

    private static SocketsHttpHandler Primary(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return Assert.IsType<SocketsHttpHandler>(handler);
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A loopback HTTP/1.1 server that reads one request per connection and writes a canned reply.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<string, string> _reply;
        private int _requests;

        public CountingListener(Func<string, string> reply)
        {
            _reply = reply;
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        var buffer = new byte[16 * 1024];
                        var head = new StringBuilder();
                        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            int read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                            if (read == 0)
                            {
                                return;
                            }

                            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        }

                        Interlocked.Increment(ref _requests);
                        await socket.SendAsync(Encoding.ASCII.GetBytes(_reply(head.ToString())), SocketFlags.None);
                        socket.Shutdown(SocketShutdown.Both);
                    }
                });
            }
        }
    }
}
