using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary><c>--no-adaptive</c> and <c>--memory-limit</c> reach the request; the summary says how many parts were in flight at most.</summary>
public sealed class AdaptiveConcurrencyOptionTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task NoAdaptiveKeepsExactlyTheConcurrencyOnASlowServer()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(40), count: OssFaultInjector.Always);
        string file = _home.CreateFile("n.bin", 40 * 100 * 1024);

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server),
            "upload", file, "--part-size", "100KiB", "--concurrency", "2", "--no-adaptive", "--no-checkpoint");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("2 in flight.", stdout, StringComparison.Ordinal);
        Assert.Contains("In flight  at most 2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMemoryLimitCapsTheAddedParts()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(40), count: OssFaultInjector.Always);
        string file = _home.CreateFile("m.bin", 60 * 100 * 1024);

        // 300 KiB ÷ 100 KiB parts: at most 3 in flight, whatever the link.
        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server),
            "upload", file, "--part-size", "100KiB", "--concurrency", "2", "--memory-limit", "300KiB", "--no-checkpoint");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("more while that speeds it up, within 300.0 KiB", stdout, StringComparison.Ordinal);
        int peak = int.Parse(stdout.Split('\n').Single(l => l.Contains("In flight  at most ", StringComparison.Ordinal)).Trim()["In flight  at most ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(peak, 2, 3);
    }
}
