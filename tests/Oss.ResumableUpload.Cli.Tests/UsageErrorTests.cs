using System.Net;
using System.Net.Sockets;
using System.Globalization;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>Every mistake on the command line prints one line on stderr, no stack trace, and exits with 2.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("--concurrency must be between 1 and 64", "upload", "--concurrency", "0")]
    [InlineData("--memory-limit must be between", "upload", "--memory-limit", "0")]
    [InlineData("--part-size must be between 100.0 KiB and 5.0 GiB", "upload", "--part-size", "10KiB")]
    [InlineData("--part-size must be a size", "upload", "--part-size", "big")]
    [InlineData("--key must not be empty", "upload", "--key", "")]
    [InlineData("--key must not start with '/'", "upload", "--key", "/abs")]
    [InlineData("'Bad_Bucket' is not a valid bucket name", "upload", "--bucket", "Bad_Bucket")]
    [InlineData("Unknown option '--bogus'", "upload", "--bogus")]
    [InlineData("--tag must be KEY=VALUE", "upload", "--tag", "novalue")]
    [InlineData("--sse-key-id needs --sse KMS", "upload", "--sse-key-id", "k1")]
    [InlineData("--traffic-limit must be between 819200 and 838860800", "upload", "--traffic-limit", "5")]
    [InlineData("--endpoint must be an absolute http or https URL", "upload", "--endpoint", "not a url")]
    [InlineData("Argument 'fast' not recognized", "upload", "--cancel-behavior", "fast")]
    [InlineData("--older-than must be a whole number", "abort-incomplete", "--bucket", "demo-bucket", "--endpoint", "http://127.0.0.1:1", "--older-than", "7 days")]
    [InlineData("abort-incomplete needs --endpoint", "abort-incomplete", "--bucket", "demo-bucket", "--older-than", "7d")]
    [InlineData("reading stdin ('-') needs --key", "upload", "-")]
    [InlineData("--cancel-behavior keep cannot be used with '-'", "upload", "-", "--key", "k", "--cancel-behavior", "keep")]
    [InlineData("--prefix is for directory uploads only", "upload", "--prefix", "p/")]
    [InlineData("--port must be between 0 and 65535", "serve", "--port", "70000")]
    [InlineData("'UPPER' is not a valid bucket name", "serve", "--bucket", "UPPER")]
    [InlineData("--credential must be AK:SK", "serve", "--credential", "onlyone")]
    public async Task MistakeIsOneLineOnStderrAndExitCode2(string expected, params string[] arguments)
    {
        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, arguments);

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("oss-upload: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is a directory: add --recursive to upload everything under it")]
    [InlineData("--key cannot be used with a directory: use --prefix", "--recursive", "--key", "k")]
    public async Task DirectoryMistakesAreOneLineAndExitCode2(string expected, params string[] options)
    {
        string directory = Directory.CreateDirectory(Path.Combine(_home.Path, "dir")).FullName;
        File.WriteAllText(Path.Combine(directory, "f.txt"), "x");

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, ["upload", directory, .. options]);

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("oss-upload: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploading", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCredentialsForARealEndpointIsAUsageError()
    {
        (int code, _, string stderr) = await CliProcess.RunAsync(_home.Path, null, "upload", _home.CreateFile("f.bin", 10), "--endpoint", "http://127.0.0.1:1", "--region", "cn-hangzhou");

        Assert.Equal(2, code);
        Assert.Contains("--access-key-id and --access-key-secret", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeOnABusyPortSaysSoInOneLineAndExitsWith1()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        int port = ((IPEndPoint)busy.LocalEndpoint).Port;

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, "serve", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"oss-upload: cannot listen on port {port}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
