using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Extensions.DependencyInjection.Tests;

/// <summary>Resumable uploads through registered clients, over real HTTP, against the OSS test server.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task A_client_registered_from_a_JSON_file_uploads_a_multipart_file()
    {
        await using TestHost host = await TestHost.StartAsync();
        string json = Path.Combine(host.Directory, "appsettings.json");
        File.WriteAllText(json, $$"""
            {
              "Oss": {
                "Endpoint": "{{host.Server.Endpoint}}",
                "Region": "{{host.Server.Region}}",
                "SignatureVersion": "V4",
                "MaxRetryAttempts": 2,
                "AccessKeyId": "{{host.Server.Credential.AccessKeyId}}",
                "AccessKeySecret": "{{host.Server.Credential.AccessKeySecret}}"
              }
            }
            """);
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(json).Build();
        var services = new ServiceCollection();
        services.AddOssClient(configuration.GetSection("Oss"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        string file = host.CreateFile(350 * 1024);

        ResumableUploadResult result = await provider.GetRequiredService<OssClient>().ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = TestHost.Bucket,
            ObjectKey = "from-json.bin",
            UploadFilePath = file,
            PartSize = 100 * 1024,
        });

        Assert.NotNull(result.UploadId);
        Assert.Equal(await File.ReadAllBytesAsync(file), await host.Server.ReadObjectAsync(TestHost.Bucket, "from-json.bin"));
    }

    [Fact]
    public async Task Named_clients_reach_their_own_accounts()
    {
        await using TestHost first = await TestHost.StartAsync();
        await using TestHost second = await TestHost.StartAsync();
        IConfiguration configuration = TestHost.Configuration([.. first.ServerSection("Oss:Primary"), .. second.ServerSection("Oss:Secondary")]);
        var services = new ServiceCollection();
        services.AddOssClient("primary", configuration.GetSection("Oss:Primary"));
        services.AddOssClient("secondary", configuration.GetSection("Oss:Secondary"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IOssClientFactory>();
        string file = first.CreateFile(1000);

        await factory.CreateClient("primary").ResumableUploadAsync(new ResumableUploadRequest { BucketName = TestHost.Bucket, ObjectKey = "p.bin", UploadFilePath = file });
        await factory.CreateClient("secondary").ResumableUploadAsync(new ResumableUploadRequest { BucketName = TestHost.Bucket, ObjectKey = "s.bin", UploadFilePath = file });

        Assert.NotNull(first.Server.GetObject(TestHost.Bucket, "p.bin"));
        Assert.Null(first.Server.GetObject(TestHost.Bucket, "s.bin"));
        Assert.NotNull(second.Server.GetObject(TestHost.Bucket, "s.bin"));
        Assert.Null(second.Server.GetObject(TestHost.Bucket, "p.bin"));
    }

    [Fact]
    public async Task A_keyed_credentials_provider_signs_and_the_container_supplies_logging_and_time()
    {
        await using TestHost host = await TestHost.StartAsync();
        var logs = new RecordingLoggerProvider();
        var clock = new CountingTimeProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(clock);
        services.AddKeyedSingleton<IOssCredentialsProvider>("uploads", host.Server.Credential.ToCredentialsProvider());
        services.AddSingleton<IOssCredentialsProvider>(new StaticCredentialsProvider("wrong-id", "wrong-secret"));
        services.AddOssClient("uploads", s => { s.Endpoint = host.Server.Endpoint; s.Region = host.Server.Region; });
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IOssClientFactory>().CreateClient("uploads").ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = TestHost.Bucket,
            ObjectKey = "keyed.bin",
            UploadFilePath = host.CreateFile(2000),
        });

        Assert.NotNull(host.Server.GetObject(TestHost.Bucket, "keyed.bin"));
        Assert.Contains(logs.Lines, line => line.Category == OssDiagnostics.LogCategories.Engine && line.EventId == OssDiagnostics.EventIds.UploadStarting);
        Assert.True(clock.Calls > 0);
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains(host.Server.Credential.AccessKeySecret, StringComparison.Ordinal));
    }

    private sealed class CountingTimeProvider : TimeProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _calls);
            return base.GetUtcNow();
        }
    }

    private sealed record LogLine(string Category, int EventId, string Message);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<LogLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Lines.Enqueue(new LogLine(category, eventId.Id, formatter(state, exception)));
        }
    }
}
