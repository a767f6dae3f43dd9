using System.Diagnostics;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// The upload source must be a regular file (a symbolic link to one is fine). A directory, a FIFO or a device is
/// refused with an ArgumentException before any request, and a FIFO must not block the call in open(2).
/// </summary>
public sealed class UploadSourceFileTypeTests : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_directory_is_an_ArgumentException_saying_it_is_a_directory()
    {
        string directory = Path.Combine(_h.Files.DirectoryPath, "a-directory");
        Directory.CreateDirectory(directory);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => RunBounded(directory));

        Assert.Equal("request", error.ParamName);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.Contains(directory, error.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Calls);
    }

    [Fact]
    public async Task A_fifo_fails_fast_with_not_a_regular_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = MakeFifo("a-fifo");
        Task call = RunBounded(fifo);
        try
        {
            ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => call);
            Assert.Equal("request", error.ParamName);
            Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
            Assert.Empty(_h.Fake.Calls);
        }
        finally
        {
            ReleaseBlockedReader(fifo, call);
        }
    }

    [Fact]
    public async Task A_symlink_to_a_fifo_is_refused_too()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = MakeFifo("target-fifo");
        string link = Path.Combine(_h.Files.DirectoryPath, "link-to-fifo");
        File.CreateSymbolicLink(link, fifo);
        Task call = RunBounded(link);
        try
        {
            ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => call);
            Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            ReleaseBlockedReader(fifo, call);
        }
    }

    [Fact]
    public async Task Dev_zero_is_refused_as_not_a_regular_file()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => RunBounded("/dev/zero"));
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Calls);
    }

    [Fact]
    public async Task A_symlink_to_a_regular_file_uploads_the_file()
    {
        string target = _h.Files.Create(1000, name: "target.bin");
        string link = Path.Combine(_h.Files.DirectoryPath, "link.bin");
        File.CreateSymbolicLink(link, target);

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(link), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(1000, result.ContentLength);
        Assert.Equal(File.ReadAllBytes(target), _h.StoredObject());
    }

    [Fact]
    public async Task A_missing_file_is_still_a_FileNotFoundException()
    {
        string missing = Path.Combine(_h.Files.DirectoryPath, "missing.bin");
        await Assert.ThrowsAsync<FileNotFoundException>(() => RunBounded(missing));
    }

    /// <summary>Runs the upload off the test thread with a bound, so that a regression (a blocking open) fails instead of hanging.</summary>
    private Task RunBounded(string path)
        => Task.Run(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None)).WaitAsync(s_bound);

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_h.Files.DirectoryPath, name);
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        Assert.True(mkfifo.WaitForExit(s_bound), "mkfifo did not finish");
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>If the call hung in open(2) on the FIFO, a writer opening it lets the blocked thread go.</summary>
    private static void ReleaseBlockedReader(string fifo, Task call)
    {
        if (call.Exception?.InnerException is TimeoutException)
        {
            Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose()).Wait(s_bound);
        }
    }
}
