namespace Oss.ResumableUpload.Cli.Tests;

/// <summary><c>--version</c> and per-command <c>--help</c>.</summary>
public sealed class HelpAndVersionTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task VersionPrintsTheAssemblyVersionAndExits0()
    {
        (int code, string stdout, _) = await CliProcess.RunAsync(_home.Path, null, "--version");

        Assert.Equal(0, code);
        string expected = typeof(OssClient).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(expected, stdout.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upload", "--cancel-behavior")]
    [InlineData("upload", "--restart-when-cannot-resume")]
    [InlineData("upload", "--no-adaptive")]
    [InlineData("upload", "--memory-limit")]
    [InlineData("upload", "--storage-class")]
    [InlineData("upload", "(or OSS_BUCKET)")]
    [InlineData("abort-incomplete", "--older-than")]
    [InlineData("serve", "--no-verify")]
    public async Task EachCommandHasItsOwnHelp(string command, string expected)
    {
        (int code, string stdout, _) = await CliProcess.RunAsync(_home.Path, null, command, "--help");

        Assert.Equal(0, code);
        Assert.Contains($"oss-upload {command}", stdout, StringComparison.Ordinal);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpNeverShowsTheSecretFromTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["OSS_ACCESS_KEY_SECRET"] = "s3cr3t-from-env", ["OSS_BUCKET"] = "env-bucket" };

        (int code, string stdout, _) = await CliProcess.RunAsync(_home.Path, environment, "upload", "--help");

        Assert.Equal(0, code);
        Assert.DoesNotContain("s3cr3t-from-env", stdout, StringComparison.Ordinal);
        Assert.Contains("env-bucket", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BucketComesFromTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["OSS_BUCKET"] = "Not_Valid" };

        (int code, _, string stderr) = await CliProcess.RunAsync(_home.Path, environment, "upload");

        Assert.Equal(2, code);
        Assert.Contains("'Not_Valid' is not a valid bucket name", stderr, StringComparison.Ordinal);
    }
}
