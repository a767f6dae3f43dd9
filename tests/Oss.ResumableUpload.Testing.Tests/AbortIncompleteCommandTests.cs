using System.Diagnostics;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary><c>oss-upload abort-incomplete</c> in a child process against an in-process OssTestServer: the dry run lists and keeps, the real run aborts.</summary>
public sealed class AbortIncompleteCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DryRunListsTheOldUploadsAndTheRealRunAbortsThem()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add("demo-bucket");
        await using OssTestServer server = await OssTestServer.StartAsync(options);
        using var client = new OssClient(server.CreateClientOptions());
        foreach (string key in new[] { "logs/a.bin", "logs/b.bin", "data/c.bin" })
        {
            await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "demo-bucket", ObjectKey = key });
        }

        (int code, string output) = await RunAsync(server, "--prefix", "logs/", "--older-than", "0s", "--dry-run");
        Assert.Equal(0, code);
        Assert.Contains("Would abort 2 upload(s) under oss://demo-bucket/logs/", output, StringComparison.Ordinal);
        Assert.Contains("logs/a.bin", output, StringComparison.Ordinal);
        Assert.DoesNotContain("data/c.bin", output, StringComparison.Ordinal);
        Assert.Equal(3, server.GetUploads("demo-bucket").Count);

        (code, output) = await RunAsync(server, "--older-than", "7d");
        Assert.Equal(0, code);
        Assert.Contains("Aborted 0 upload(s)", output, StringComparison.Ordinal);

        (code, output) = await RunAsync(server, "--prefix", "logs/", "--older-than", "0s");
        Assert.Equal(0, code);
        Assert.Contains("Aborted 2 upload(s)", output, StringComparison.Ordinal);
        Assert.Equal("data/c.bin", Assert.Single(server.GetUploads("demo-bucket")).ObjectKey);

        (code, _) = await RunAsync(server, "--older-than", "7 days");
        Assert.Equal(2, code);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(OssTestServer server, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "oss-upload.dll");
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var info = new ProcessStartInfo(!string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            dll, "abort-incomplete", "--bucket", "demo-bucket", "--endpoint", server.Endpoint.ToString(), "--region", server.Region,
            "--access-key-id", server.Credential.AccessKeyId, "--access-key-secret", server.Credential.AccessKeySecret,
        }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var deadline = new CancellationTokenSource(Deadline);
        using Process child = Process.Start(info)!;
        try
        {
            Task<string> stdout = child.StandardOutput.ReadToEndAsync(deadline.Token);
            Task<string> stderr = child.StandardError.ReadToEndAsync(deadline.Token);
            await child.WaitForExitAsync(deadline.Token);
            return (child.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }
}
