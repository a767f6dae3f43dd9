using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary><c>upload DIR --recursive</c>: keys, skip-unchanged on a re-run, failures in the summary and the exit code.</summary>
public sealed class DirectoryUploadTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ATreeIsUploadedUnderThePrefixAndARerunWithSkipUnchangedSkipsEveryFile()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        string root = CreateTree();

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server),
            "upload", root, "--recursive", "--prefix", "backup/", "--part-size", "100KiB", "--exclude", "**/*.tmp");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("4 uploaded", stdout, StringComparison.Ordinal);
        Assert.Contains("0 failed, of 4 files", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", "b", "deep.bin")), await server.ReadObjectAsync("demo-bucket", "backup/a/b/deep.bin"));
        Assert.Equal("héllo wörld"u8.ToArray(), await server.ReadObjectAsync("demo-bucket", "backup/a/naïve résumé.txt"));
        Assert.Equal(0, server.GetObject("demo-bucket", "backup/empty.txt")!.Size);
        Assert.True(server.GetObject("demo-bucket", "backup/top.bin")!.IsMultipart);
        Assert.Null(server.GetObject("demo-bucket", "backup/a/scratch.tmp"));
        Assert.Null(server.GetObject("demo-bucket", "backup/.hidden"));
        Assert.DoesNotContain('\r', stdout);
        Assert.Contains("files 4/4", stdout, StringComparison.Ordinal);

        (code, stdout, stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server),
            "upload", root, "--recursive", "--prefix", "backup/", "--part-size", "100KiB", "--exclude", "**/*.tmp", "--skip-unchanged");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("0 uploaded (0 B), 4 skipped, 0 failed, of 4 files", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedFileIsListedWithItsErrorAndTheExitCodeIs1()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        string root = CreateTree();
        using (var client = new OssClient(server.CreateClientOptions()))
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "demo-bucket", ObjectKey = "top.bin", Content = new MemoryStream([1, 2, 3]) });
        }

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server),
            "upload", root, "--recursive", "--part-size", "100KiB", "--forbid-overwrite", "--include-hidden", "--include", "**/*.bin", "--include", "**/.hidden");

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("2 uploaded", stdout, StringComparison.Ordinal);
        Assert.Contains("1 failed, of 3 files", stdout, StringComparison.Ordinal);
        string failure = Assert.Single(stdout.Split('\n'), l => l.StartsWith("  failed  ", StringComparison.Ordinal));
        Assert.StartsWith("  failed  top.bin: ", failure, StringComparison.Ordinal);
        Assert.Contains("FileAlreadyExists", failure, StringComparison.Ordinal);
        Assert.NotNull(server.GetObject("demo-bucket", ".hidden"));
        Assert.Equal(3, server.GetObject("demo-bucket", "top.bin")!.Size);
    }

    [Fact]
    public async Task SymbolicLinksAreLeftOutUnlessFollowed()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        string root = CreateTree();
        File.CreateSymbolicLink(Path.Combine(root, "link.bin"), Path.Combine(root, "top.bin"));

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server), "upload", root, "-r", "--part-size", "100KiB");
        Assert.True(code == 0, stdout + stderr);
        Assert.Null(server.GetObject("demo-bucket", "link.bin"));

        (code, stdout, stderr) = await CliProcess.RunAsync(_home.Path, TestServers.EnvironmentFor(server), "upload", root, "-r", "--part-size", "100KiB", "--follow-symlinks", "--skip-unchanged");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("1 uploaded (350.0 KiB), 5 skipped, 0 failed, of 6 files", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "top.bin")), await server.ReadObjectAsync("demo-bucket", "link.bin"));
    }

    [Fact]
    public async Task ATreeGoesToTheEmbeddedServerWithoutAnEndpoint()
    {
        string root = CreateTree();

        (int code, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, "upload", root, "-r", "--part-size", "100KiB");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("embedded local OSS server", stdout, StringComparison.Ordinal);
        Assert.Contains("5 uploaded", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.ServerDataDirectory), "the embedded server's data directory is left although nothing is pending");
    }

    /// <summary>top.bin (multipart), a/b/deep.bin, a/naïve résumé.txt, empty.txt, a/scratch.tmp, and a hidden .hidden.</summary>
    private string CreateTree()
    {
        string root = Path.Combine(_home.Path, "tree");
        Directory.CreateDirectory(Path.Combine(root, "a", "b"));
        WriteRandom(Path.Combine(root, "top.bin"), 350 * 1024, 1);
        WriteRandom(Path.Combine(root, "a", "b", "deep.bin"), 40 * 1024, 2);
        File.WriteAllBytes(Path.Combine(root, "a", "naïve résumé.txt"), "héllo wörld"u8.ToArray());
        File.WriteAllBytes(Path.Combine(root, "empty.txt"), []);
        File.WriteAllText(Path.Combine(root, "a", "scratch.tmp"), "scratch");
        File.WriteAllText(Path.Combine(root, ".hidden"), "hidden");
        return root;
    }

    private static void WriteRandom(string path, int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }
}
