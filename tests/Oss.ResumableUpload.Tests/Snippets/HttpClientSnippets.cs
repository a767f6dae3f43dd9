using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

// RemoveAllResilienceHandlers is marked experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience.
#pragma warning disable EXTEXP0001

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The caller's HttpClient setups and RetryPipeline of README.md and docs/http-client.md, compiled and run by <see cref="SnippetRunTests"/>.</summary>
internal static class HttpClientSnippets
{
    public static OssClient CreateWithOwnHttpClient(OssClientOptions options, out HttpClient httpClient)
    {
        // <snippet:http-client-plain>
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,                          // OSS never redirects a signed request
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,                 // the library times each attempt: OssClientOptions.RequestTimeout
        };
        var client = new OssClient(options, http);              // you own http: dispose it after the client
        // </snippet>
        httpClient = http;
        return client;
    }

    public static void AddOssHttpClient(IServiceCollection services)
    {
        // <snippet:http-client-factory>
        // What .NET Aspire's service defaults do: a retry, a circuit breaker and timeouts on every client...
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        // ...but not on this one: the library retries, times and classifies its own requests.
        services.AddHttpClient("oss")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers();
        // </snippet>
    }

    public static OssClient CreateFromFactory(IServiceProvider provider, OssClientOptions options)
    {
        // <snippet:http-client-create>
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("oss");
        var client = new OssClient(options, http);
        // </snippet>
        return client;
    }

    public static OssClientOptions WithRetryPipeline(Uri endpoint, string region, IOssCredentialsProvider credentials)
    {
        // <snippet:retry-pipeline>
        ResiliencePipeline retries = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Only what the library marks transient: 5xx, 408, 429, resets, timeouts. Not AccessDenied.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OssException { IsTransient: true }),
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                OnRetry = args =>
                {
                    Console.WriteLine($"{args.Context.OperationKey} retry {args.AttemptNumber + 1}: {args.Outcome.Exception?.Message}");
                    return default;
                },
            })
            .Build();

        var options = new OssClientOptions
        {
            Endpoint = endpoint,
            Region = region,
            Credentials = credentials,
            RetryPipeline = retries,                            // replaces MaxRetryAttempts, RetryBaseDelay, MaxRetryDelay
        };
        // </snippet>
        return options;
    }
}
