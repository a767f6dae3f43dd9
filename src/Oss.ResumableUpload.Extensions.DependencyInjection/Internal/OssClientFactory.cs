using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.DependencyInjection;

/// <summary>
/// Builds clients from the named settings, the named <see cref="HttpClient"/>, and the container's logger factory,
/// clock and credentials (see <see cref="OssClientSettings"/> for the order).
/// </summary>
internal sealed class OssClientFactory : IOssClientFactory
{
    private readonly IServiceProvider _services;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<OssClientSettings> _settings;
    private readonly OssClientRegistry _registry;
    private readonly Lazy<DefaultCredentialsProvider> _defaultChain;

    public OssClientFactory(IServiceProvider services, IHttpClientFactory httpClientFactory, IOptionsMonitor<OssClientSettings> settings, OssClientRegistry registry)
    {
        _services = services;
        _httpClientFactory = httpClientFactory;
        _settings = settings;
        _registry = registry;
        _defaultChain = new Lazy<DefaultCredentialsProvider>(() => new DefaultCredentialsProvider(new DefaultCredentialsProviderOptions
        {
            LoggerFactory = LoggerFactory,
            TimeProvider = Clock,
        }));
    }

    private ILoggerFactory? LoggerFactory => _services.GetService<ILoggerFactory>();

    private TimeProvider Clock => _services.GetService<TimeProvider>() ?? TimeProvider.System;

    public OssClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_registry.Contains(name))
        {
            throw new InvalidOperationException(
                name.Length == 0
                    ? "No unnamed OSS client is registered: call services.AddOssClient(configuration) or services.AddOssClient(settings => ...)."
                    : $"No OSS client named '{name}' is registered: call services.AddOssClient(\"{name}\", settings => ...).");
        }

        OssClientSettings settings = _settings.Get(name);
        OssClientOptions options = ToOptions(settings, CredentialsFor(name, settings), LoggerFactory, Clock);
        return new OssClient(options, _httpClientFactory.CreateClient(OssClientRegistry.HttpClientName(name)));
    }

    /// <summary>The client options the settings describe.</summary>
    internal static OssClientOptions ToOptions(OssClientSettings settings, IOssCredentialsProvider credentials, ILoggerFactory? loggerFactory, TimeProvider timeProvider) => new()
    {
        Endpoint = settings.Endpoint!,
        Region = settings.Region,
        Credentials = credentials,
        SignatureVersion = settings.SignatureVersion,
        UsePathStyle = settings.UsePathStyle,
        LoggerFactory = loggerFactory,
        TimeProvider = timeProvider,
        MaxRetryAttempts = settings.MaxRetryAttempts,
        RetryBaseDelay = settings.RetryBaseDelay,
        MaxRetryDelay = settings.MaxRetryDelay,
        RequestTimeout = settings.RequestTimeout,
        CredentialsRefreshWindow = settings.CredentialsRefreshWindow,
    };

    internal IOssCredentialsProvider CredentialsFor(string name, OssClientSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.AccessKeyId))
        {
            return new StaticCredentialsProvider(settings.AccessKeyId, settings.AccessKeySecret ?? "", settings.SecurityToken);
        }

        // GetKeyedService through the interface: a container without keyed services simply has none.
        IOssCredentialsProvider? keyed = (_services as IKeyedServiceProvider)?.GetKeyedService(typeof(IOssCredentialsProvider), name) as IOssCredentialsProvider;
        return keyed
            ?? _services.GetService<IOssCredentialsProvider>()
            ?? _defaultChain.Value;
    }
}
