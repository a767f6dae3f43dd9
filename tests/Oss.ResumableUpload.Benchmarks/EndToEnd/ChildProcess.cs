using System.Diagnostics;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>Starts this benchmark program again as a child process with other arguments.</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = self;
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start a child process");
    }

    /// <summary>Reads standard output until a line starts with <paramref name="prefix"/>; returns the rest of it.</summary>
    public static async Task<string> ReadTaggedLineAsync(Process process, string prefix)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"the child process ended without a '{prefix}' line (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }
}
