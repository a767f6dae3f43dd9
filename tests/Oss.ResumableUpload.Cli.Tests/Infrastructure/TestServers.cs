using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>An in-memory test server in the test process (its objects can be read back), and the environment that points the CLI at it.</summary>
internal static class TestServers
{
    public static async Task<OssTestServer> StartAsync()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add("demo-bucket");
        return await OssTestServer.StartAsync(options);
    }

    public static Dictionary<string, string> EnvironmentFor(OssTestServer server) => new()
    {
        ["OSS_ENDPOINT"] = server.Endpoint.ToString(),
        ["OSS_REGION"] = server.Region,
        ["OSS_ACCESS_KEY_ID"] = server.Credential.AccessKeyId,
        ["OSS_ACCESS_KEY_SECRET"] = server.Credential.AccessKeySecret,
    };
}
