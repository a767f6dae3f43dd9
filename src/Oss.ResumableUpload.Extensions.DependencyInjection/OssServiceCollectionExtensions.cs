using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Oss.ResumableUpload;
using Oss.ResumableUpload.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="OssClient"/>s with a service collection.</summary>
/// <remarks>
/// <para>
/// Each registration adds named <see cref="OssClientSettings"/> (validated at startup), a named
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> whose primary handler never follows redirects and
/// never decompresses, and whose <see cref="HttpClient.Timeout"/> is infinite (the client's own
/// <see cref="OssClientSettings.RequestTimeout"/> applies per attempt), and <see cref="IOssClientFactory"/>. The
/// unnamed registration also makes <see cref="OssClient"/> itself resolvable (a singleton).
/// </para>
/// <para>
/// The returned <see cref="IHttpClientBuilder"/> takes further handlers (<c>AddHttpMessageHandler</c>). A resilience
/// handler is not needed, and should not be added: the client retries itself (5xx, 408, 429, timeouts, resets, with
/// backoff and <c>Retry-After</c>), knows which OSS errors are safe to retry, and rewinds the part's content for each
/// attempt; a second retry layer would multiply attempts and could not replay a part's stream. The same holds for
/// handlers added to every client with <c>ConfigureHttpClientDefaults</c>.
/// </para>
/// </remarks>
public static class OssServiceCollectionExtensions
{
    /// <summary>Registers the unnamed client, its settings bound from a configuration section such as <c>configuration.GetSection("Oss")</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the <see cref="OssClientSettings"/> keys (<c>Endpoint</c>, <c>Region</c>, <c>SignatureVersion</c>, <c>MaxRetryAttempts</c>, ...).</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddOssClient(this IServiceCollection services, IConfiguration configuration)
        => services.AddOssClient(Options.Options.DefaultName, configuration);

    /// <summary>Registers the unnamed client, its settings set by a delegate.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddOssClient(this IServiceCollection services, Action<OssClientSettings> configure)
        => services.AddOssClient(Options.Options.DefaultName, configure);

    /// <summary>Registers a named client (one per account or endpoint), its settings set by a delegate; get it from <see cref="IOssClientFactory.CreateClient(string)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddOssClient(this IServiceCollection services, string name, Action<OssClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(name, configure);
        return AddCore(services, name);
    }

    /// <summary>Registers a named client, its settings bound from a configuration section; get it from <see cref="IOssClientFactory.CreateClient(string)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section holding the <see cref="OssClientSettings"/> keys.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    /// <remarks>A reloaded configuration applies to clients created after the change.</remarks>
    public static IHttpClientBuilder AddOssClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConfigureOptions<OssClientSettings>>(new ConfigureNamedOptions<OssClientSettings>(name, settings => OssSettingsBinder.Bind(configuration, settings)));
        services.AddSingleton<IOptionsChangeTokenSource<OssClientSettings>>(new ConfigurationChangeTokenSource<OssClientSettings>(name, configuration));
        return AddCore(services, name);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        services.AddOptions<OssClientSettings>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OssClientSettings>, OssClientSettingsValidator>());
        OssClientRegistry registry = GetOrAddRegistry(services);
        registry.Add(name);
        services.TryAddSingleton<IOssClientFactory, OssClientFactory>();
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredService<IOssClientFactory>().CreateClient(Options.Options.DefaultName));
        }

        return services
            .AddHttpClient(OssClientRegistry.HttpClientName(name))
            .ConfigurePrimaryHttpMessageHandler(provider => OssPrimaryHandler.Create(provider.GetRequiredService<IOptionsMonitor<OssClientSettings>>().Get(name)))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static header => !IsSafeToLog(header));
    }

    /// <summary>The headers whose values IHttpClientFactory's logging may show; Authorization and the security token are not among them.</summary>
    private static bool IsSafeToLog(string header)
        => header.Equals("x-oss-request-id", StringComparison.OrdinalIgnoreCase)
           || header.Equals("ETag", StringComparison.OrdinalIgnoreCase)
           || header.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
           || header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
           || header.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
           || header.Equals("Date", StringComparison.OrdinalIgnoreCase);

    private static OssClientRegistry GetOrAddRegistry(IServiceCollection services)
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(OssClientRegistry) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is OssClientRegistry existing)
            {
                return existing;
            }
        }

        var registry = new OssClientRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
