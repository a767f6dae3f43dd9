using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>A loopback HTTP endpoint that records upload callbacks and answers as told.</summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly KestrelHost _host;

    private CallbackReceiver(KestrelHost host) => _host = host;

    public Uri Url => new(_host.Address, "/callback");

    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    public int ReplyStatus { get; set; } = 200;

    public string ReplyBody { get; set; } = "{\"Status\":\"OK\"}";

    public string ReplyContentType { get; set; } = "application/json";

    public static async Task<CallbackReceiver> StartAsync()
    {
        CallbackReceiver? receiver = null;
        KestrelHost host = await KestrelHost.StartAsync(IPAddress.Loopback, 0, context => receiver!.HandleAsync(context), NullLoggerFactory.Instance, minRequestBodyDataRate: null, CancellationToken.None);
        receiver = new CallbackReceiver(host);
        return receiver;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync();
        Received.Enqueue(new ReceivedCallback(context.Request.Method, context.Request.Path, context.Request.ContentType, context.Request.Host.Value, body));
        context.Response.StatusCode = ReplyStatus;
        context.Response.ContentType = ReplyContentType;
        await context.Response.WriteAsync(ReplyBody);
    }
}

internal sealed record ReceivedCallback(string Method, string Path, string? ContentType, string? Host, string Body);
