using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>
/// A loopback HTTP server (HttpListener) standing in for the ECS metadata service or STS: each request is recorded
/// and answered by the test's handler, so tests can count requests and check their shape with no network.
/// </summary>
internal sealed class FakeCredentialsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeRequest, Task<FakeReply>> _handler;

    public FakeCredentialsServer(Func<FakeRequest, Task<FakeReply>> handler)
    {
        _handler = handler;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _ = Task.Run(AcceptLoopAsync);
    }

    public FakeCredentialsServer(Func<FakeRequest, FakeReply> handler)
        : this(request => Task.FromResult(handler(request)))
    {
    }

    public Uri BaseAddress { get; } = null!;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int Count(string method, string pathPrefix)
        => Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new FakeRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
            Requests.Enqueue(request);
            FakeReply reply = await _handler(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay);
            }

            context.Response.StatusCode = reply.Status;
            if (reply.Location is not null)
            {
                context.Response.RedirectLocation = reply.Location;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout test) or the server is stopping.
        }
    }
}

internal sealed record FakeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The form fields of an application/x-www-form-urlencoded body.</summary>
    public Dictionary<string, string> Form()
        => Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    public Dictionary<string, string> QueryValues()
        => Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
}

internal sealed record FakeReply(int Status, string Body, TimeSpan Delay = default, string? Location = null)
{
    public static FakeReply Ok(string body) => new(200, body);
}

/// <summary>A metadata service that hands out numbered credentials, with switches for the failure cases.</summary>
internal sealed class FakeMetadataService : IDisposable
{
    private int _issued;

    public FakeMetadataService(Func<DateTimeOffset> expiresAt, string role = "uploader-role")
    {
        Role = role;
        ExpiresAt = expiresAt;
        Server = new FakeCredentialsServer(Handle);
    }

    public FakeCredentialsServer Server { get; }

    public string Role { get; }

    public Func<DateTimeOffset> ExpiresAt { get; set; }

    /// <summary>Answers every credentials request with this instead (for malformed and failing replies).</summary>
    public FakeReply? CredentialsOverride { get; set; }

    public bool TokenSupported { get; set; } = true;

    public TimeSpan CredentialsDelay { get; set; }

    public const string Token = "metadata-token-value";

    public int CredentialRequests => Server.Count("GET", "/latest/meta-data/ram/security-credentials/" + Role);

    public Uri BaseAddress => Server.BaseAddress;

    public void Dispose() => Server.Dispose();

    public static string CredentialsJson(string id, string secret, string token, DateTimeOffset expiration, string code = "Success")
        => $$"""{"AccessKeyId":"{{id}}","AccessKeySecret":"{{secret}}","Expiration":"{{expiration.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}","SecurityToken":"{{token}}","LastUpdated":"2026-01-01T00:00:00Z","Code":"{{code}}"}""";

    private async Task<FakeReply> Handle(FakeRequest request)
    {
        if (request.Method == "PUT" && request.Path == "/latest/api/token")
        {
            return TokenSupported ? FakeReply.Ok(Token) : new FakeReply(404, "not found");
        }

        if (request.Method == "GET" && request.Path == "/latest/meta-data/ram/security-credentials/")
        {
            return FakeReply.Ok(Role + "\n");
        }

        if (request.Method == "GET" && request.Path == "/latest/meta-data/ram/security-credentials/" + Role)
        {
            if (CredentialsDelay > TimeSpan.Zero)
            {
                await Task.Delay(CredentialsDelay);
            }

            if (CredentialsOverride is { } reply)
            {
                return reply;
            }

            int n = Interlocked.Increment(ref _issued);
            return FakeReply.Ok(CredentialsJson($"STS.id-{n}", $"secret-{n}", $"token-{n}", ExpiresAt()));
        }

        return new FakeReply(404, "no such path");
    }
}
