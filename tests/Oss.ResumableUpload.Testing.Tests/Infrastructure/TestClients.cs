namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Clients and data for tests.</summary>
internal static class TestClients
{
    public const string Bucket = "test-bucket";

    public static Task<OssTestServer> StartAsync(Action<OssTestServerOptions>? configure = null)
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add(Bucket);
        configure?.Invoke(options);
        return OssTestServer.StartAsync(options);
    }

    /// <summary>A client with zero retry delay, so that retry tests do not wait.</summary>
    public static OssClient CreateClient(OssTestServer server, OssSignatureVersion version = OssSignatureVersion.V4, OssTestCredential? credential = null, int maxRetries = 3, TimeProvider? time = null)
        => new(new OssClientOptions
        {
            Endpoint = server.Endpoint,
            Region = server.Region,
            Credentials = (credential ?? server.Credential).ToCredentialsProvider(),
            SignatureVersion = version,
            MaxRetryAttempts = maxRetries,
            RetryBaseDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.Zero,
            TimeProvider = time ?? TimeProvider.System,
        });

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
