using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary><c>upload -</c> reads stdin once, as a non-seekable stream, and stores it byte for byte.</summary>
public sealed class StreamUploadTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task StdinPipedIntoTheProcessIsStoredByteExactInParts()
    {
        await using OssTestServer server = await TestServers.StartAsync();
        byte[] bytes = new byte[(3 * 1024 * 1024) + 12345];
        new Random(7).NextBytes(bytes);

        using CliProcess process = CliProcess.Start(_home.Path, TestServers.EnvironmentFor(server), "upload", "-", "--key", "piped/data.bin", "--part-size", "256KiB");
        await using (Stream stdin = process.StandardInput)
        {
            for (int offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stdin.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        int code = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, process.Stdout + process.Stderr);
        Assert.Contains("Uploading stdin", process.Stdout, StringComparison.Ordinal);
        OssStoredObject stored = server.GetObject("demo-bucket", "piped/data.bin")!;
        Assert.True(stored.IsMultipart);
        Assert.Equal(bytes, await server.ReadObjectAsync("demo-bucket", "piped/data.bin"));
        // No percentage while the total is unknown: only the last line, once the end is reached, has one.
        string[] progress = process.Stdout.Split('\n').Where(l => l.Contains(" sent ", StringComparison.Ordinal) || l.Contains("% [", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(progress);
        Assert.All(progress.Where(l => l.Contains(" sent ", StringComparison.Ordinal)), l => Assert.DoesNotContain("%", l, StringComparison.Ordinal));
        Assert.False(Directory.Exists(_home.CheckpointDirectory) && Directory.EnumerateFiles(_home.CheckpointDirectory).Any(), "a checkpoint was written for a stream that cannot be read again");
    }

    [Fact]
    public async Task EmptyStdinIsAnEmptyObjectOnTheEmbeddedServer()
    {
        using CliProcess process = CliProcess.Start(_home.Path, null, "upload", "-", "--key", "empty.bin");
        process.StandardInput.Dispose();

        int code = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, process.Stdout + process.Stderr);
        Assert.Contains("UploadId   (single PutObject)", process.Stdout, StringComparison.Ordinal);
    }
}
