using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using System.Net;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Operations;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <summary>
/// A client for Alibaba Cloud OSS multipart upload: the resumable upload of local files, and the multipart
/// primitives it is built from. Create one per endpoint and reuse it; it is safe for concurrent use.
/// </summary>
public partial class OssClient : IDisposable
{
    private readonly OssHttpPipeline? _pipeline;
    private readonly HttpClient? _ownedHttpClient;
    private readonly OssMultipartOperations _operations;
    private readonly ILogger _transportLogger = NullLogger.Instance;
    private readonly ILogger _engineLogger = NullLogger.Instance;
    private readonly ILogger _checkpointLogger = NullLogger.Instance;
    private readonly ILogger _directoryLogger = NullLogger.Instance;
    private bool _disposed;

    /// <summary>Initializes a new client that owns its <see cref="HttpClient"/>.</summary>
    /// <param name="options">The client's options; validated here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null or lacks a required value.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or V4 is used with no region given or inferable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A retry or timeout option is out of range.</exception>
    public OssClient(OssClientOptions options)
        : this(options, CreateDefaultHttpClient(), ownsHttpClient: true)
    {
    }

    /// <summary>Initializes a new client that sends through a caller-owned <see cref="HttpClient"/> (for example from IHttpClientFactory).</summary>
    /// <remarks>
    /// The client's handler must not follow redirects: set <see cref="HttpClientHandler.AllowAutoRedirect"/> (or
    /// <see cref="SocketsHttpHandler.AllowAutoRedirect"/>) to false, for example with
    /// <c>services.AddHttpClient("oss").ConfigurePrimaryHttpMessageHandler(() =&gt; new SocketsHttpHandler { AllowAutoRedirect = false })</c>.
    /// OSS never redirects a signed request, and the library refuses any redirected reply
    /// (<see cref="OssClientErrorCode.InvalidResponse"/>), but a handler that follows a redirect has already sent the
    /// request to the other host: .NET drops the Authorization header on a redirect, yet forwards the others, the
    /// STS security token (<c>x-oss-security-token</c>) and the part's bytes included. The handler should also
    /// leave <see cref="HttpClientHandler.AutomaticDecompression"/> off, and the client should have no retry or timeout
    /// handlers of its own (the library retries and times every request itself; a stacked retry re-sends part bodies).
    /// A timeout that is not the caller's token, whether <see cref="HttpClient.Timeout"/> or a handler's (Polly's
    /// <c>TimeoutRejectedException</c>), is retried as transient and then thrown as <see cref="OssClientException"/>
    /// with <see cref="OssClientErrorCode.RequestTimeout"/>, never as <see cref="OperationCanceledException"/>.
    /// </remarks>
    /// <param name="options">The client's options; validated here.</param>
    /// <param name="httpClient">The HTTP client to send with. The caller disposes it. Its handler must not follow redirects (see remarks). Its own <see cref="HttpClient.Timeout"/> should be <see cref="Timeout.InfiniteTimeSpan"/>: <see cref="OssClientOptions.RequestTimeout"/> times each attempt.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public OssClient(OssClientOptions options, HttpClient httpClient)
        : this(options, httpClient, ownsHttpClient: false)
    {
    }

    /// <summary>Initializes a client for mocking in tests. Its methods must be overridden.</summary>
    protected OssClient()
    {
        _operations = new OssMultipartOperations(() => Pipeline);
    }

    private OssClient(OssClientOptions options, HttpClient httpClient, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        var settings = ResolvedClientOptions.Create(options);
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _transportLogger = loggerFactory.CreateLogger(OssDiagnostics.LogCategories.Transport);
        _engineLogger = loggerFactory.CreateLogger(OssDiagnostics.LogCategories.Engine);
        _checkpointLogger = loggerFactory.CreateLogger(OssDiagnostics.LogCategories.Checkpoints);
        _directoryLogger = loggerFactory.CreateLogger(OssDiagnostics.LogCategories.Directories);
        _pipeline = new OssHttpPipeline(settings, httpClient, _transportLogger);
        _operations = new OssMultipartOperations(() => Pipeline);
        WarnIfCleartext(options.Endpoint);
    }

    internal OssHttpPipeline Pipeline
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pipeline ?? throw new InvalidOperationException("This OssClient was created for mocking; override the method you call.");
        }
    }

    /// <summary>The adapter that builds, sends and parses every request; the public methods and the resumable engine both go through it.</summary>
    internal OssMultipartOperations Operations => _operations;

    /// <summary>Releases the <see cref="HttpClient"/> if the client created it.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _ownedHttpClient?.Dispose();
        }

        _disposed = true;
    }

    /// <summary>
    /// One warning per client for a plain http:// endpoint off this machine. Signatures keep the secret itself off
    /// the wire, but the object's bytes, its metadata and an STS security token are readable there, and a request can
    /// be replayed within its signature's lifetime. Loopback (localhost, 127.0.0.0/8, ::1) stays silent: that is a
    /// local test server or a tunnel the caller chose, so the warning would only be noise.
    /// </summary>
    private void WarnIfCleartext(Uri endpoint)
    {
        if (string.Equals(endpoint.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !endpoint.IsLoopback)
        {
            Log.PlainHttpEndpoint(_transportLogger, endpoint.GetLeftPart(UriPartial.Authority));
        }
    }

    private static HttpClient CreateDefaultHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 256,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
