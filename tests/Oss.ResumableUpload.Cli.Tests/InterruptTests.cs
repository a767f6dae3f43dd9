using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) then the same command again resumes, with the embedded server too; a second Ctrl+C quits at once.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task CtrlCThenTheSameCommandResumesOnTheEmbeddedServer()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill -INT is a Unix tool.
        }

        string file = _home.CreateFile("big.bin", 2 * 1024 * 1024);

        // 100 KiB parts at 100 KiB/s (the embedded server honours --traffic-limit): about a part a second.
        using (CliProcess first = CliProcess.Start(_home.Path, null, "upload", file, "--part-size", "100KiB", "--concurrency", "1", "--traffic-limit", "819200"))
        {
            await first.WaitForOutputAsync("Uploading ", TimeSpan.FromSeconds(30));
            await WaitForPartsAsync(minimum: 2, TimeSpan.FromSeconds(30));
            await CliProcess.InterruptAsync(first.Id);
            Assert.Equal(130, await first.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Run the same command again to resume", first.Stdout, StringComparison.Ordinal);
        }

        Assert.True(Directory.Exists(_home.ServerDataDirectory), "the embedded server kept nothing for the next run");

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, "upload", file, "--part-size", "100KiB");

        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"resuming: \d+(\.\d)? KiB already on the server", stdout);
        Assert.Contains("Resumed    yes", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.ServerDataDirectory), "the embedded server's data directory is left although nothing is pending");
    }

    [Fact]
    public async Task SecondCtrlCEndsTheProcessAtOnceWith130()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var options = new OssTestServerOptions();
        options.Buckets.Add("demo-bucket");
        await using OssTestServer server = await OssTestServer.StartAsync(options);

        // Parts hang, and so does the abort that the first Ctrl+C starts: only the second one can end the process.
        server.Faults.Hold(OssOperationKind.UploadPart, count: 1000);
        server.Faults.Hold(OssOperationKind.AbortMultipartUpload, count: 10);
        string file = _home.CreateFile("f.bin", 1024 * 1024);
        var environment = new Dictionary<string, string>
        {
            ["OSS_ENDPOINT"] = server.Endpoint.ToString(),
            ["OSS_REGION"] = server.Region,
            ["OSS_ACCESS_KEY_ID"] = server.Credential.AccessKeyId,
            ["OSS_ACCESS_KEY_SECRET"] = server.Credential.AccessKeySecret,
        };
        using CliProcess cli = CliProcess.Start(_home.Path, environment, "upload", file, "--part-size", "100KiB", "--cancel-behavior", "abort");
        await cli.WaitForOutputAsync("Uploading ", TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => server.GetUploads("demo-bucket").Count > 0, TimeSpan.FromSeconds(30));

        await CliProcess.InterruptAsync(cli.Id);
        await cli.WaitForOutputAsync("Ctrl+C again quits at once", TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        Assert.False(cli.HasExited, "the first Ctrl+C should wait for the abort, which the server holds");

        await CliProcess.InterruptAsync(cli.Id);
        Assert.Equal(130, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("Cancelled.", cli.Stdout, StringComparison.Ordinal);
    }

    private async Task WaitForPartsAsync(int minimum, TimeSpan timeout)
    {
        // The embedded server writes one JSON record per unfinished upload; count its parts.
        await WaitUntilAsync(
            () =>
            {
                string uploads = Path.Combine(_home.ServerDataDirectory, "uploads");
                return Directory.Exists(uploads) && Directory.GetFiles(uploads, "*.json").Any(f => Read(f).Split("\"PartNumber\"").Length - 1 >= minimum);
            },
            timeout);
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
