using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>The server child process: an OssTestServer in discard mode, until its standard input closes.</summary>
internal static class ServerProcess
{
    public const string Bucket = "bench-bucket";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var options = new OssTestServerOptions
        {
            Port = arguments.Port,
            StorageMode = OssTestStorageMode.Discard,
            VerifySignatures = false, // the bare loop sends unsigned requests; the engine still signs every request
        };
        options.Buckets.Add(Bucket);
        await using OssTestServer server = await OssTestServer.StartAsync(options);
        Console.WriteLine("ENDPOINT " + server.Endpoint);
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
