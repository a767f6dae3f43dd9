using System.Diagnostics;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>The progress display in a pseudo-terminal of 80 columns: redrawn in place with carriage returns, never wider than the terminal.</summary>
public sealed class ProgressTerminalTests : IDisposable
{
    // Runs the CLI in a pty set to 24x80 and copies everything it writes to stdout, byte for byte.
    private const string PtyScript = """
        import os, pty, struct, fcntl, termios, select, sys
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.argv[1], sys.argv[1:])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        out = bytearray()
        while True:
            r, _, _ = select.select([fd], [], [], 60)
            if not r:
                break
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        _, status = os.waitpid(pid, 0)
        sys.stdout.buffer.write(bytes(out))
        sys.exit(os.waitstatus_to_exitcode(status))
        """;

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task At80ColumnsTheBarIsRedrawnInPlaceAndNeverWraps()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // a pty needs Unix.
        }

        string file = _home.CreateFile("f.bin", 3 * 1024 * 1024);
        string script = Path.Combine(_home.Path, "pty_run.py");
        await File.WriteAllTextAsync(script, PtyScript);
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { script, CliProcess.DotnetHost(), CliProcess.Dll, "upload", file, "--part-size", "100KiB", "--concurrency", "2", "--traffic-limit", "8192000" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = _home.Path;
        info.Environment["XDG_DATA_HOME"] = Path.Combine(_home.Path, "data");
        info.Environment.Remove("OSS_ENDPOINT");
        info.Environment.Remove("COLUMNS");
        using Process child = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Task<string> stdout = child.StandardOutput.ReadToEndAsync(deadline.Token);
        Task<string> stderr = child.StandardError.ReadToEndAsync(deadline.Token);
        await child.WaitForExitAsync(deadline.Token);
        string output = await stdout;

        Assert.True(child.ExitCode == 0, output + await stderr);
        Assert.Contains("Done in", output, StringComparison.Ordinal);

        // Progress frames are the pieces between carriage returns that show a bar.
        string[] lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string[] frames = lines.SelectMany(l => l.Split('\r')).Where(f => f.Contains("% [", StringComparison.Ordinal)).ToArray();
        Assert.True(frames.Length >= 3, $"expected several redraws, got {frames.Length}: {output}");
        Assert.All(frames, f => Assert.True(f.Length <= 79, $"a frame of {f.Length} columns: '{f}'"));

        // Every redraw stays on one line: a single line holds all the frames, the rest hold none.
        string[] barLines = lines.Where(l => l.Contains("% [", StringComparison.Ordinal)).ToArray();
        Assert.Single(barLines);
        Assert.Contains("100.0% [", barLines[0], StringComparison.Ordinal);
    }
}
