using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>The object settings on the command line reach the server; --verbose shows the library's logs.</summary>
public sealed class ObjectSettingsTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ObjectSettingsAreStoredWithTheObjectAndForbidOverwriteRefusesASecondUpload()
    {
        await using OssTestServer server = await StartServerAsync();
        string file = _home.CreateFile("f.bin", 300 * 1024);

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, EnvironmentFor(server),
            "upload", file, "--key", "dir/f.bin", "--part-size", "100KiB", "--content-type", "application/x-test", "--storage-class", "IA",
            "--sse", "KMS", "--sse-key-id", "key-1", "--acl", "private", "--tag", "team=video", "--tag", "year=2026", "--meta", "origin=cli",
            "--cache-control", "no-cache", "--content-disposition", "attachment", "--forbid-overwrite");

        Assert.True(code == 0, stdout + stderr);
        OssStoredObject stored = server.GetObject("demo-bucket", "dir/f.bin")!;
        Assert.Equal(300 * 1024, stored.Size);
        Assert.True(stored.IsMultipart);
        Assert.Equal("application/x-test", stored.ContentType);
        Assert.Equal("IA", stored.StorageClass);
        Assert.Equal("KMS", stored.ServerSideEncryption);
        Assert.Equal("key-1", stored.ServerSideEncryptionKeyId);
        Assert.Equal("private", stored.ObjectAcl);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "video", ["year"] = "2026" }, stored.Tags);
        Assert.Equal("cli", stored.Metadata["x-oss-meta-origin"]);
        Assert.Equal("no-cache", stored.CacheControl);
        Assert.Equal("attachment", stored.ContentDisposition);

        (code, _, stderr) = await CliProcess.RunAsync(_home.Path, EnvironmentFor(server), "upload", file, "--key", "dir/f.bin", "--part-size", "100KiB", "--forbid-overwrite");

        Assert.Equal(1, code);
        Assert.Contains("FileAlreadyExists", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerboseShowsTheLibraryLogsOnStderr()
    {
        await using OssTestServer server = await StartServerAsync();
        string file = _home.CreateFile("g.bin", 250 * 1024);

        (int code, string quietOut, string quietErr) = await CliProcess.RunAsync(_home.Path, EnvironmentFor(server), "upload", file, "--part-size", "100KiB");
        Assert.True(code == 0, quietOut + quietErr);
        Assert.DoesNotContain("Oss.ResumableUpload", quietErr, StringComparison.Ordinal);

        // Redirected stdout: plain lines, one per 10% at most, no carriage returns.
        Assert.DoesNotContain('\r', quietOut);
        int progressLines = quietOut.Split('\n').Count(l => l.Contains("% [", StringComparison.Ordinal));
        Assert.InRange(progressLines, 1, 11);

        (code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, EnvironmentFor(server), "upload", file, "--key", "g2.bin", "--part-size", "100KiB", "--verbose");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("Oss.ResumableUpload", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Credential.AccessKeySecret, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAnotherRunHoldsTheEmbeddedServersDirectoryTheUploadStillRunsAndSaysItWillNotResume()
    {
        var options = new OssTestServerOptions { StorageMode = OssTestStorageMode.Persistent, DataDirectory = _home.ServerDataDirectory };
        await using OssTestServer other = await OssTestServer.StartAsync(options);
        string file = _home.CreateFile("h.bin", 150 * 1024);

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, "upload", file, "--part-size", "100KiB");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("in use by another server", stderr, StringComparison.Ordinal);
        Assert.Contains("Done in", stdout, StringComparison.Ordinal);
    }

    private static async Task<OssTestServer> StartServerAsync()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add("demo-bucket");
        return await OssTestServer.StartAsync(options);
    }

    private static Dictionary<string, string> EnvironmentFor(OssTestServer server) => new()
    {
        ["OSS_ENDPOINT"] = server.Endpoint.ToString(),
        ["OSS_REGION"] = server.Region,
        ["OSS_ACCESS_KEY_ID"] = server.Credential.AccessKeyId,
        ["OSS_ACCESS_KEY_SECRET"] = server.Credential.AccessKeySecret,
    };
}
