using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>
/// Several real processes take and release one object's lock as fast as they can, each round creating an exclusive
/// marker file inside the lock; a marker that already exists means two holders at once.
/// </summary>
public sealed class FileCheckpointLockHammerTests : IDisposable
{
    private const int Processes = 4;
    private const int Rounds = 100;

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Processes_hammering_one_lock_are_never_inside_together_and_leave_the_directory_empty()
    {
        string marker = Path.Combine(_files.DirectoryPath, "inside.marker");
        Directory.CreateDirectory(_files.CheckpointDirectory);
        var children = new List<Process>();
        try
        {
            for (int i = 0; i < Processes; i++)
            {
                children.Add(Start(_files.CheckpointDirectory, marker));
            }

            using var deadline = new CancellationTokenSource(s_deadline);
            foreach (Process child in children)
            {
                Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(deadline.Token));
            }

            foreach (Process child in children)
            {
                await child.StandardInput.WriteLineAsync("go");
                await child.StandardInput.FlushAsync();
            }

            int acquired = 0;
            int contended = 0;
            var outputs = new List<string>();
            foreach (Process child in children)
            {
                string output = (await child.StandardOutput.ReadToEndAsync(deadline.Token)).Trim();
                await child.WaitForExitAsync(deadline.Token);
                string errors = await child.StandardError.ReadToEndAsync(deadline.Token);
                outputs.Add(output);
                Assert.True(child.ExitCode == 0, $"exit {child.ExitCode}: {output} {errors}");

                string[] fields = output.Split(' ');
                Assert.Equal("done", fields[0]);
                acquired += int.Parse(fields[1], CultureInfo.InvariantCulture);
                contended += int.Parse(fields[2], CultureInfo.InvariantCulture);
                Assert.True(fields[3] == "0", $"two holders at once: {string.Join(" | ", outputs)}");
            }

            Assert.Equal(Processes * Rounds, acquired);
            Assert.True(contended > 0, "the processes never met, so the test proved nothing; outputs: " + string.Join(" | ", outputs));
            Assert.False(File.Exists(marker));
            if (FileCheckpointLock.RemovesFileOnRelease)
            {
                Assert.Empty(Directory.GetFileSystemEntries(_files.CheckpointDirectory));
            }
        }
        finally
        {
            foreach (Process child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }

                child.Dispose();
            }
        }
    }

    private static Process Start(string checkpointDirectory, string marker)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Oss.ResumableUpload.ChildUploader.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference the ChildUploader project.");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { dll, "lock-hammer", checkpointDirectory, "test-bucket", "hammered/object", marker, Rounds.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
