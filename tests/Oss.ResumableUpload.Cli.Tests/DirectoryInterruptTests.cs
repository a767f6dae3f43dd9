namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>Ctrl+C during a directory upload to the embedded server, then the same command again, resumes the files in flight.</summary>
public sealed class DirectoryInterruptTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task CtrlCThenTheSameCommandResumesSeveralPendingUploadsOnTheEmbeddedServer()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill -INT is a Unix tool.
        }

        string root = Path.Combine(_home.Path, "tree");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        for (int i = 0; i < 6; i++)
        {
            byte[] bytes = new byte[6 * 1024 * 1024];
            new Random(i).NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(root, i % 2 == 0 ? "sub" : ".", $"f{i}.bin"), bytes);
        }

        // 100 KiB parts at 100 KiB/s each (the embedded server honours --traffic-limit): the first run cannot finish
        // before it is interrupted, however fast the machine. The second run has no limit; a resume may change it.
        string[] limited = ["upload", root, "--recursive", "--part-size", "100KiB", "--concurrency", "3", "--traffic-limit", "819200"];
        string[] command = ["upload", root, "--recursive", "--part-size", "100KiB", "--concurrency", "3"];
        string journal = Path.Combine(_home.ServerDataDirectory, "uploads");
        using (CliProcess first = CliProcess.Start(_home.Path, null, limited))
        {
            // Wait until the embedded server holds at least two unfinished uploads, each with parts.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (CountFiles(journal, "*.json") < 2 || CountFiles(Path.Combine(_home.ServerDataDirectory, "blobs"), "*.blob") < 4)
            {
                Assert.False(first.HasExited, "the upload ended before it could be interrupted: " + first.Stdout + first.Stderr);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no pending uploads appeared: " + first.Stdout + first.Stderr);
                await Task.Delay(20);
            }

            await CliProcess.InterruptAsync(first.Id);
            int code = await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(code == 130, first.Stdout + first.Stderr);
            Assert.Contains("Run the same command again to resume", first.Stdout, StringComparison.Ordinal);
        }

        Assert.True(Directory.GetFiles(journal, "*.json").Length >= 2, "the embedded server kept fewer than two unfinished uploads");

        (int exit, string stdout, string stderr) = await CliProcess.RunAsync(_home.Path, null, command);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("0 failed, of 6 files", stdout, StringComparison.Ordinal);
        Assert.Matches(@"resumed [2-6] files: \d+(\.\d)? [KM]iB were already on the server", stdout);
        Assert.False(Directory.Exists(_home.ServerDataDirectory), "the embedded server's data directory is left although nothing is pending");
        Assert.Empty(Directory.GetFiles(_home.CheckpointDirectory, "*.manifest"));
    }

    private static int CountFiles(string directory, string pattern)
    {
        try
        {
            return Directory.GetFiles(directory, pattern).Length;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }
}
