using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Samples.AspNetCore.Tests;

/// <summary>
/// The sample's own Program, on Kestrel (real HTTP, so chunked bodies and Kestrel's body-size limit are real), with
/// its "Oss" section pointed at an <see cref="OssTestServer"/> and the credential supplied the way user secrets or
/// environment variables would be: as configuration outside appsettings.json.
/// </summary>
internal sealed class SampleApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    static SampleApp()
    {
        // Each host would otherwise watch appsettings.json (an inotify instance per host on Linux, 128 per user by
        // default, shared with every other process of the user). Read before appsettings.json is added.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public SampleApp(OssTestServer server, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Oss:Endpoint"] = server.Endpoint.ToString(),
            ["Oss:Region"] = server.Region,
            ["Oss:AccessKeyId"] = server.Credential.AccessKeyId,
            ["Oss:AccessKeySecret"] = server.Credential.AccessKeySecret,
            ["Oss:RetryBaseDelay"] = "00:00:00.005",
            ["Oss:MaxRetryDelay"] = "00:00:00.050",
            ["Upload:Bucket"] = Bucket,
            ["Upload:PartSize"] = (100 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Upload:MaxConcurrency"] = "4",
        };
        foreach (KeyValuePair<string, string?> entry in overrides ?? [])
        {
            _settings[entry.Key] = entry.Value;
        }

        UseKestrel(0);
    }

    public const string Bucket = "sample-bucket";

    /// <summary>The framing of each request as Kestrel received it: Transfer-Encoding and Content-Length.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string? TransferEncoding, long? ContentLength)> Received { get; } = new();

    public static async Task<OssTestServer> StartServerAsync()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add(Bucket);
        return await OssTestServer.StartAsync(options);
    }

    /// <summary>
    /// A client of the app on Kestrel. Redirects stay off: the factory's redirect handler buffers a request's content
    /// (to replay it), which would turn a chunked body into one with a Content-Length.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        ClientOptions.AllowAutoRedirect = false; // the factory points ClientOptions.BaseAddress at Kestrel
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordFraming(Received)));
    }

    private sealed class RecordFraming(System.Collections.Concurrent.ConcurrentQueue<(string?, long?)> received) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                received.Enqueue((context.Request.Headers.TransferEncoding.ToString(), context.Request.ContentLength));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
