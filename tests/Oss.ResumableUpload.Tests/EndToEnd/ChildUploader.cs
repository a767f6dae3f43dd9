using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// Runs tests/Oss.ResumableUpload.ChildUploader (copied next to the tests by its ProjectReference) as a separate
/// process with <c>dotnet</c>, and collects its output lines.
/// </summary>
internal sealed class ChildUploader : IDisposable
{
    /// <summary>How long to wait for the child to reach a state before the test gives up (a deadline, not a measurement).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _allLines = [];

    private ChildUploader(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }

            OnLine(e.Data);
        };
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data is null ? null : "stderr " + e.Data);
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_allLines)
            {
                return string.Join(Environment.NewLine, _allLines);
            }
        }
    }

    /// <summary>Starts the child's <c>upload-directory</c> mode on <paramref name="directory"/>, with the harness's part size and checkpoint directory.</summary>
    public static ChildUploader StartDirectory(EndToEndHarness harness, string keyPrefix, string directory, int concurrency)
    {
        ProcessStartInfo info = CreateStartInfo();
        foreach (string argument in new[]
        {
            "upload-directory", harness.Server.Endpoint.ToString(), harness.Server.Region, harness.Server.Credential.AccessKeyId, harness.Server.Credential.AccessKeySecret,
            EndToEndHarness.Bucket, keyPrefix, directory, EndToEndHarness.PartSize.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), harness.CheckpointDirectory,
        })
        {
            info.ArgumentList.Add(argument);
        }

        return Launch(info);
    }

    /// <param name="harness">The server and checkpoint directory.</param>
    /// <param name="key">The object key.</param>
    /// <param name="file">The file to upload.</param>
    /// <param name="concurrency">Parts in flight.</param>
    /// <param name="streamIdentity">When set, the child uploads the file through a FileStream it opens, as UploadStream with this identity.</param>
    public static ChildUploader Start(EndToEndHarness harness, string key, string file, int concurrency, string? streamIdentity = null)
    {
        ProcessStartInfo info = CreateStartInfo();
        info.ArgumentList.Add(harness.Server.Endpoint.ToString());
        info.ArgumentList.Add(harness.Server.Region);
        info.ArgumentList.Add(harness.Server.Credential.AccessKeyId);
        info.ArgumentList.Add(harness.Server.Credential.AccessKeySecret);
        info.ArgumentList.Add("V4");
        info.ArgumentList.Add(EndToEndHarness.Bucket);
        info.ArgumentList.Add(key);
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(EndToEndHarness.PartSize.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(concurrency.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(harness.CheckpointDirectory);
        if (streamIdentity is not null)
        {
            info.ArgumentList.Add("stream:" + streamIdentity);
        }

        return Launch(info);
    }

    private static ProcessStartInfo CreateStartInfo()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Oss.ResumableUpload.ChildUploader.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference the ChildUploader project.");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        return info;
    }

    private static ChildUploader Launch(ProcessStartInfo info)
    {
        Process process = Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
        var child = new ChildUploader(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line that satisfies <paramref name="predicate"/>; fails with the output so far if the child exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await foreach (string line in _lines.Reader.ReadAllAsync(deadline.Token))
            {
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"The child uploader never printed the expected line. Its output:{Environment.NewLine}{Output}");
        return string.Empty;
    }

    /// <summary>Waits for <paramref name="task"/>; fails with the child's output if the child exits first or the deadline passes.</summary>
    public async Task WaitWhileRunningAsync(Task task)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        Task exited = _process.WaitForExitAsync(deadline.Token);
        if (await Task.WhenAny(task, exited) != task)
        {
            Assert.Fail($"The child uploader exited or timed out before the expected event. Its output:{Environment.NewLine}{Output}");
        }

        await task;
    }

    /// <summary>Kills the child and everything it started, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(Deadline);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static string DotnetHost()
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

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_allLines)
        {
            _allLines.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
