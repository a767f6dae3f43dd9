using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>Runs <c>oss-upload.dll</c> (copied next to the tests) in a child process with a private data directory.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "oss-upload.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the child's stdin (redirected): write to it, then dispose it to signal the end.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the CLI; <paramref name="home"/> becomes its HOME and XDG_DATA_HOME, so checkpoints and the embedded server's data stay in the test's directory.</summary>
    public static CliProcess Start(string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = home;
        info.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        foreach (string name in new[] { "OSS_ENDPOINT", "OSS_BUCKET", "OSS_REGION", "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN" })
        {
            info.Environment.Remove(name);
        }

        foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
        {
            info.Environment[pair.Key] = pair.Value;
        }

        return new CliProcess(Process.Start(info)!);
    }

    /// <summary>Runs the CLI to the end.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using CliProcess process = Start(home, environment, arguments);
        int code = await process.WaitAsync(TimeSpan.FromSeconds(60));
        return (code, process.Stdout, process.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"oss-upload did not exit within {timeout}. stdout: {Stdout} stderr: {Stderr}");
        }

        _process.WaitForExit(); // drains the asynchronous readers
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout or stderr contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!(Stdout + Stderr).Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                Assert.Fail($"oss-upload did not print '{text}'. stdout: {Stdout} stderr: {Stderr}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public static async Task InterruptAsync(int processId)
    {
        using Process kill = Process.Start("kill", ["-INT", processId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    public static string DotnetHost()
    {
        // The test host runs under the same dotnet; prefer it over whatever is on PATH.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }

    private void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            builder.Append(line).Append('\n');
        }
    }
}
