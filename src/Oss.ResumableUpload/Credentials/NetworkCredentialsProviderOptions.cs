using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload;

/// <summary>What the providers that fetch temporary credentials over the network have in common.</summary>
public abstract class NetworkCredentialsProviderOptions
{
    /// <summary>Initializes the options with the provider's default request timeout.</summary>
    /// <param name="defaultRequestTimeout">The provider's default for <see cref="RequestTimeout"/>.</param>
    private protected NetworkCredentialsProviderOptions(TimeSpan defaultRequestTimeout)
    {
        RequestTimeout = defaultRequestTimeout;
    }

    /// <summary>Gets the HTTP client the provider sends with.</summary>
    /// <value>
    /// Default null: a client shared by all providers, which follows no redirects. A client given here must not follow
    /// redirects either (a redirected reply is refused, but by then the request has gone to the other address).
    /// </value>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Gets the clock that decides when credentials expire and bounds each request.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the factory for the provider's logger (category <see cref="OssDiagnostics.LogCategories.Credentials"/>).</summary>
    /// <value>Default null: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Gets the time one request, with the read of its reply, may take.</summary>
    /// <value>The default depends on the provider. Range 100 ms..5 minutes.</value>
    public TimeSpan RequestTimeout { get; init; }

    /// <summary>Gets how long before the credentials expire new ones are fetched.</summary>
    /// <value>
    /// Default 5 minutes, the same as <see cref="OssClientOptions.CredentialsRefreshWindow"/>. Range 0..1 hour. A refresh
    /// that fails while the old credentials are still valid keeps them (and logs a warning).
    /// </value>
    public TimeSpan RefreshAhead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the shared values; called by the provider's constructor.</summary>
    private protected void ValidateCommon(string paramName)
    {
        if (TimeProvider is null)
        {
            throw new ArgumentNullException(paramName, "TimeProvider must not be null.");
        }

        if (RequestTimeout < TimeSpan.FromMilliseconds(100) || RequestTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(paramName, RequestTimeout, "RequestTimeout must be between 100 ms and 5 minutes.");
        }

        if (RefreshAhead < TimeSpan.Zero || RefreshAhead > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(paramName, RefreshAhead, "RefreshAhead must be between 0 and 1 hour.");
        }
    }
}
