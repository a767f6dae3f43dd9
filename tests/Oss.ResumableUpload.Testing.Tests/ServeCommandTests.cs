using System.Diagnostics;
using System.Globalization;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary><c>oss-upload serve</c> in a child process: it stops cleanly on SIGTERM and leaves no data behind.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "oss-serve-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task SigtermStopsServeGracefullyAndDeletesItsData()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a Unix signal.
        }

        string dll = Path.Combine(AppContext.BaseDirectory, "oss-upload.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference the CLI project.");
        string data = Path.Combine(_root, "data");
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { dll, "serve", "--port", "0", "--data", data, "--no-verify" })
        {
            info.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(info)!;
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            (Uri endpoint, string storage) = await ReadBannerAsync(child, deadline.Token);
            using (var http = new HttpClient())
            using (HttpResponseMessage put = await http.PutAsync(new Uri(endpoint, "/demo-bucket/k"), new ByteArrayContent([1, 2, 3]), deadline.Token))
            {
                Assert.Equal(200, (int)put.StatusCode);
            }

            Assert.NotEmpty(Directory.GetFiles(storage));

            using (Process kill = Process.Start("kill", ["-TERM", child.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            string rest = await child.StandardOutput.ReadToEndAsync(deadline.Token);
            await child.WaitForExitAsync(deadline.Token);

            Assert.Equal(0, child.ExitCode);
            Assert.Contains("Stopping.", rest, StringComparison.Ordinal);
            Assert.False(Directory.Exists(storage), "serve left its storage directory behind");
            Assert.False(Directory.Exists(data), "serve left the data directory it created behind");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<(Uri Endpoint, string Storage)> ReadBannerAsync(Process child, CancellationToken cancellationToken)
    {
        Uri? endpoint = null;
        string? storage = null;
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            const string listening = "listening on ";
            const string storagePrefix = "storage: ";
            int at = line.IndexOf(listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                endpoint = new Uri(line[(at + listening.Length)..].Trim());
            }

            string trimmed = line.TrimStart();
            if (trimmed.StartsWith(storagePrefix, StringComparison.Ordinal))
            {
                storage = trimmed[storagePrefix.Length..trimmed.LastIndexOf(", signatures", StringComparison.Ordinal)];
            }

            if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                break;
            }
        }

        if (endpoint is null || storage is null)
        {
            Assert.Fail("serve did not print its endpoint and storage directory: " + await child.StandardError.ReadToEndAsync(cancellationToken));
        }

        return (endpoint, storage);
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
}
