using System.CommandLine;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli;

/// <summary><c>oss-upload serve</c>: runs the local OSS-compatible server until Ctrl+C or SIGTERM, then stops it (deleting its data).</summary>
internal sealed class ServeCommand
{
    private readonly Option<int> _port = OptionValues.Int("--port", "TCP port; 0 picks a free one", 9000, 0, 65535);
    private readonly Option<string?> _data = new("--data") { Description = "Stream parts and objects to files under DIR, removed on exit (default: in memory)", HelpName = "DIR" };
    private readonly Option<string[]> _credentials = new("--credential") { Description = "An access key to accept, AK:SK (repeatable; default test-access-key-id:test-access-key-secret)", HelpName = "AK:SK", DefaultValueFactory = _ => [] };
    private readonly Option<string[]> _sts = new("--sts") { Description = "An STS credential to accept, AK:SK:TOKEN (repeatable)", HelpName = "AK:SK:TOKEN", DefaultValueFactory = _ => [] };
    private readonly Option<string[]> _buckets = new("--bucket") { Description = "A bucket to create (repeatable; default demo-bucket)", HelpName = "NAME", DefaultValueFactory = _ => [] };
    private readonly Option<string> _region = new("--region") { Description = "Region that V4 signatures must name", HelpName = "ID", DefaultValueFactory = _ => "cn-hangzhou" };
    private readonly Option<bool> _noVerify = new("--no-verify") { Description = "Accept unsigned requests" };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Log every request on stderr" };

    public Command Build()
    {
        var command = new Command("serve", "Run the local OSS-compatible server until Ctrl+C.");
        _credentials.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
                {
                    result.AddError($"--credential must be AK:SK; got '{value}'.");
                }
            }
        });
        _sts.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.Split(':', 3) is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
                {
                    result.AddError("--sts must be AK:SK:TOKEN.");
                }
            }
        });
        _buckets.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                OptionValues.ValidateBucketName(result, "--bucket", value);
            }
        });
        foreach (Option option in new Option[] { _port, _data, _credentials, _sts, _buckets, _region, _noVerify, _verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse)
    {
        var options = new OssTestServerOptions
        {
            Port = parse.GetValue(_port),
            Region = parse.GetValue(_region)!,
            VerifySignatures = !parse.GetValue(_noVerify),
        };
        if (parse.GetValue(_data) is { } data)
        {
            options.StorageMode = OssTestStorageMode.Directory;
            options.DataDirectory = Path.GetFullPath(data);
        }

        foreach (string credential in parse.GetValue(_credentials)!)
        {
            string[] parts = credential.Split(':');
            options.Credentials.Add(new OssTestCredential(parts[0], parts[1]));
        }

        foreach (string sts in parse.GetValue(_sts)!)
        {
            string[] parts = sts.Split(':', 3);
            options.Credentials.Add(new OssTestCredential(parts[0], parts[1], parts[2]));
        }

        string[] buckets = parse.GetValue(_buckets)!;
        foreach (string bucket in buckets.Length > 0 ? buckets : ["demo-bucket"])
        {
            options.Buckets.Add(bucket);
        }

        using ILoggerFactory? loggerFactory = parse.GetValue(_verbose) ? ConsoleLogging.Create() : null;
        options.LoggerFactory = loggerFactory;

        using var interrupt = new Interrupt(() => Console.WriteLine("Stopping."));
        OssTestServer server;
        try
        {
            server = await OssTestServer.StartAsync(options, interrupt.Token);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"oss-upload: cannot listen on port {options.Port}: {FirstLine(ex.Message)}");
            return ExitCodes.Failure;
        }

        await using (server)
        {
            Console.WriteLine($"Local OSS server listening on {server.Endpoint}");
            Console.WriteLine($"  region {options.Region}, buckets: {string.Join(", ", options.Buckets)}");
            Console.WriteLine($"  credentials: {(options.Credentials.Count == 0 ? OssTestCredential.Default.ToString() : string.Join(", ", options.Credentials))}");
            Console.WriteLine($"  storage: {server.StorageDirectory ?? "in memory"}, signatures {(options.VerifySignatures ? "verified" : "not checked")}");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, interrupt.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return ExitCodes.Success;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
