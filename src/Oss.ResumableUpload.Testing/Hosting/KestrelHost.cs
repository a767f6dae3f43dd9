using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// A bare Kestrel server running one request delegate: no generic host, no configuration, no environment variables,
/// so it starts in milliseconds and prints nothing.
/// </summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly KestrelServer _server;
    private readonly ServiceProvider _services;

    private KestrelHost(KestrelServer server, ServiceProvider services, Uri address)
    {
        _server = server;
        _services = services;
        Address = address;
    }

    /// <summary>Gets the address the server listens on, for example <c>http://127.0.0.1:49152</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts Kestrel on one HTTP/1.1 endpoint.</summary>
    /// <param name="address">The address to listen on.</param>
    /// <param name="port">The port; 0 for a free one.</param>
    /// <param name="handler">The request delegate.</param>
    /// <param name="loggerFactory">Kestrel's loggers.</param>
    /// <param name="minRequestBodyDataRate">The slowest a request body may arrive; null for no minimum.</param>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    public static async Task<KestrelHost> StartAsync(IPAddress address, int port, RequestDelegate handler, ILoggerFactory loggerFactory, MinDataRate? minRequestBodyDataRate, CancellationToken cancellationToken)
    {
        ServiceProvider services = new ServiceCollection().AddSingleton(loggerFactory).BuildServiceProvider();
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            AllowSynchronousIO = false,
            ApplicationServices = services,
        };
        options.Limits.MaxRequestBodySize = null;
        options.Limits.MinRequestBodyDataRate = minRequestBodyDataRate;
        options.Limits.MinResponseDataRate = null;
        options.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1);

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(options), transport, loggerFactory);
        try
        {
            await server.StartAsync(new Application(handler), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new KestrelHost(server, services, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _server.Dispose();
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Application(RequestDelegate handler) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handler(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
