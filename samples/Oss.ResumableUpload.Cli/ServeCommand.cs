using System.Runtime.InteropServices;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli;

/// <summary><c>oss-upload serve</c>: runs the local OSS-compatible server until Ctrl+C or SIGTERM, then stops it (deleting its data).</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        if (line.Has("help"))
        {
            return Usage.Print();
        }

        var options = new OssTestServerOptions
        {
            Port = line.GetInt("port", 9000),
            Region = line.Get("region") ?? "cn-hangzhou",
            VerifySignatures = !line.Has("no-verify"),
        };
        if (line.Get("data") is { } data)
        {
            options.StorageMode = OssTestStorageMode.Directory;
            options.DataDirectory = Path.GetFullPath(data);
        }

        foreach (string credential in line.GetAll("credential"))
        {
            string[] parts = credential.Split(':');
            options.Credentials.Add(parts.Length == 2 ? new OssTestCredential(parts[0], parts[1]) : throw new UsageException($"--credential must be AK:SK; got '{credential}'."));
        }

        foreach (string sts in line.GetAll("sts"))
        {
            string[] parts = sts.Split(':', 3);
            options.Credentials.Add(parts.Length == 3 ? new OssTestCredential(parts[0], parts[1], parts[2]) : throw new UsageException("--sts must be AK:SK:TOKEN."));
        }

        IReadOnlyList<string> buckets = line.GetAll("bucket");
        foreach (string bucket in buckets.Count > 0 ? buckets : ["demo-bucket"])
        {
            options.Buckets.Add(bucket);
        }

        line.ThrowOnUnknown();

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // SIGTERM (docker stop, systemd, kill) would otherwise end the process at once, skipping the server's
        // disposal and leaving the --data files behind. Handle it like Ctrl+C.
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using OssTestServer server = await OssTestServer.StartAsync(options);
        Console.WriteLine($"Local OSS server listening on {server.Endpoint}");
        Console.WriteLine($"  region {options.Region}, buckets: {string.Join(", ", options.Buckets)}");
        Console.WriteLine($"  credentials: {(options.Credentials.Count == 0 ? OssTestCredential.Default.ToString() : string.Join(", ", options.Credentials))}");
        Console.WriteLine($"  storage: {(server.StorageDirectory ?? "in memory")}, signatures {(options.VerifySignatures ? "verified" : "not checked")}");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }
}
