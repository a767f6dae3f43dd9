using Microsoft.Extensions.Configuration;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Extensions.DependencyInjection.Tests;

/// <summary>Helpers shared by the tests: an OSS test server with a bucket, a temp directory, in-memory configuration.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string Bucket = "di-bucket";

    private TestHost(OssTestServer server, string directory)
    {
        Server = server;
        Directory = directory;
    }

    public OssTestServer Server { get; }

    public string Directory { get; }

    public static async Task<TestHost> StartAsync()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add(Bucket);
        OssTestServer server = await OssTestServer.StartAsync(options);
        return new TestHost(server, System.IO.Directory.CreateTempSubdirectory("oss-di-").FullName);
    }

    public static IConfiguration Configuration(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>The configuration keys that point a client at this server with its credential.</summary>
    public (string, string?)[] ServerSection(string section = "Oss") =>
    [
        ($"{section}:Endpoint", Server.Endpoint.ToString()),
        ($"{section}:Region", Server.Region),
        ($"{section}:AccessKeyId", Server.Credential.AccessKeyId),
        ($"{section}:AccessKeySecret", Server.Credential.AccessKeySecret),
        ($"{section}:RetryBaseDelay", "00:00:00.005"),
        ($"{section}:MaxRetryDelay", "00:00:00.050"),
    ];

    public string CreateFile(int length, int seed = 1)
    {
        string path = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
