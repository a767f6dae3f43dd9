using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// <c>oss-upload upload [FILE|-|DIR --recursive]</c>: a resumable upload with a live progress display, of a file, of
/// stdin (<c>-</c>, read once as a non-seekable stream), or of a directory tree (<see cref="DirectoryUpload"/>).
/// </summary>
internal sealed class UploadCommand
{
    private static readonly string s_appData = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "oss-upload");

    private readonly ConnectionOptions _connection = new();
    private readonly ObjectOptions _object = new();
    private readonly Argument<string?> _file = new("FILE") { Description = "The file to upload, '-' for stdin (needs --key), or a directory with --recursive (default: a generated demo file)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _bucket = OptionValues.WithEnvironment("--bucket", "OSS_BUCKET", "Bucket", "demo-bucket");
    private readonly Option<string?> _key = new("--key") { Description = "Object key (default: the file name; required with '-')", HelpName = "KEY" };
    private readonly Option<long> _partSize = OptionValues.Size("--part-size", "Part size, 100KiB to 5GiB; raised to fit 10,000 parts", 1024 * 1024, ResumableUploadRequest.MinPartSize, ResumableUploadRequest.MaxPartSize);
    private readonly Option<int> _concurrency = OptionValues.Int("--concurrency", "Parts in flight, 1 to 64", 4, 1, 64);
    private readonly Option<bool> _noAdaptive = new("--no-adaptive") { Description = "Keep exactly --concurrency parts in flight (by default a file adds more while that speeds it up)" };
    private readonly Option<long> _memoryLimit = OptionValues.Size("--memory-limit", "Memory the parts in flight may take when more are added, up to 16GiB", 64L * 1024 * 1024, 1, 16L << 30);
    private readonly Option<string> _checkpointDir = new("--checkpoint-dir") { Description = "Checkpoint directory", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine(s_appData, "checkpoints") };
    private readonly Option<string> _serverData = new("--server-data") { Description = "Where the embedded server keeps unfinished uploads between runs", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine(s_appData, "embedded-server") };
    private readonly Option<bool> _noCheckpoint = new("--no-checkpoint") { Description = "Keep no checkpoint: a failed or cancelled upload starts over" };
    private readonly Option<string> _cancelBehavior = new("--cancel-behavior") { Description = "On Ctrl+C: keep the parts and checkpoint to resume, or abort the upload", HelpName = "keep|abort", DefaultValueFactory = _ => "keep" };
    private readonly Option<bool> _abortOnCancel = new("--abort-on-cancel") { Description = "Same as --cancel-behavior abort", Hidden = true };
    private readonly Option<bool> _restart = new("--restart-when-cannot-resume") { Description = "Start a new upload when the checkpoint's upload is gone from the server, instead of failing" };
    private readonly Option<long> _demoSize = OptionValues.Size("--demo-size", "Size of the generated demo file", 64L * 1024 * 1024, 1, 64L << 30);

    public Command Build()
    {
        var command = new Command("upload", "Upload a file, stdin (-) or a directory tree (--recursive) resumably: Ctrl+C, then the same command again, resumes.");
        command.Arguments.Add(_file);
        _cancelBehavior.AcceptOnlyFromAmong("keep", "abort");
        _bucket.Validators.Add(result => OptionValues.Check<string?>(result, value => OptionValues.ValidateBucketName(result, "--bucket", value)));
        _file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: > 1 } value && value[0] == '-')
            {
                result.AddError($"Unknown option '{value}'.");
            }
        });
        _key.Validators.Add(result => OptionValues.Check<string?>(result, value => OptionValues.ValidateObjectKey(result, "--key", value)));
        foreach (Option option in new Option[] { _bucket, _key, _partSize, _concurrency, _noAdaptive, _memoryLimit, _checkpointDir, _noCheckpoint, _cancelBehavior, _abortOnCancel, _restart, _serverData, _demoSize })
        {
            command.Options.Add(option);
        }

        Tree.AddTo(command);

        _object.AddTo(command);
        _connection.AddTo(command);
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Gets the directory-upload options (<c>--recursive</c>, <c>--prefix</c>, filters).</summary>
    public DirectoryOptions Tree { get; } = new();

    public Option<string?> Bucket => _bucket;

    public Option<string?> Key => _key;

    public Option<long> PartSize => _partSize;

    public Option<int> Concurrency => _concurrency;

    public Option<bool> NoCheckpoint => _noCheckpoint;

    public Option<bool> Restart => _restart;

    public ObjectOptions Object => _object;

    public ConnectionOptions Connection => _connection;

    /// <summary>The checkpoint directory, or null with <c>--no-checkpoint</c>.</summary>
    public string? CheckpointDirectoryOf(ParseResult parse) => parse.GetValue(_noCheckpoint) ? null : Path.GetFullPath(parse.GetValue(_checkpointDir)!);

    /// <summary>The embedded server's data directory, or null with <c>--no-checkpoint</c> (nothing to resume).</summary>
    public string? ServerDataOf(ParseResult parse) => parse.GetValue(_noCheckpoint) ? null : Path.GetFullPath(parse.GetValue(_serverData)!);

    /// <summary>Whether a cancel aborts (<c>--cancel-behavior abort</c> or <c>--abort-on-cancel</c>).</summary>
    public bool AbortOnCancel(ParseResult parse) => parse.GetValue(_abortOnCancel) || parse.GetValue(_cancelBehavior) == "abort";

    /// <summary>Whether <c>--cancel-behavior keep</c> was given on the command line (not just the default).</summary>
    public bool KeepAskedFor(ParseResult parse) => parse.GetResult(_cancelBehavior) is { Implicit: false } && parse.GetValue(_cancelBehavior) == "keep";

    private async Task<int> RunAsync(ParseResult parse)
    {
        string? argument = parse.GetValue(_file);
        bool stdin = argument == "-";
        if (argument is not null && !stdin && Directory.Exists(argument))
        {
            return await DirectoryUpload.RunAsync(this, parse, argument);
        }

        Tree.RefuseWithoutDirectory(parse);
        if (stdin)
        {
            if (parse.GetValue(_key) is null)
            {
                throw new CliUsageException("reading stdin ('-') needs --key: a stream has no file name to use.");
            }

            if (KeepAskedFor(parse))
            {
                throw new CliUsageException("--cancel-behavior keep cannot be used with '-': stdin cannot be read again, so a cancelled upload is always aborted.");
            }
        }

        ProgressDisplay progress = ProgressDisplay.ForConsole();
        using var interrupt = new Interrupt(() =>
        {
            progress.Finish();
            Console.Error.WriteLine("Stopping... (Ctrl+C again quits at once)");
        });

        string bucket = parse.GetValue(_bucket)!;
        // stdin is read once: nothing could resume it, so no checkpoint and a cancel aborts.
        bool noCheckpoint = stdin || parse.GetValue(_noCheckpoint);
        string checkpointDirectory = Path.GetFullPath(parse.GetValue(_checkpointDir)!);
        bool abort = stdin || AbortOnCancel(parse);
        string file = argument ?? DemoFile.Ensure(parse.GetValue(_demoSize));
        if (!stdin && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"oss-upload: the file '{file}' does not exist.");
            return ExitCodes.Failure;
        }

        string key = parse.GetValue(_key) ?? Path.GetFileName(file);
        using ILoggerFactory? loggerFactory = _connection.CreateLoggerFactory(parse);
        Uri? endpoint = _connection.EndpointOf(parse);
        await using EmbeddedServer? embedded = endpoint is null
            ? await EmbeddedServer.StartAsync(bucket, noCheckpoint ? null : Path.GetFullPath(parse.GetValue(_serverData)!), loggerFactory, interrupt.Token)
            : null;
        using OssClient client = embedded is not null
            ? new OssClient(EmbeddedClientOptions(embedded, loggerFactory))
            : _connection.CreateClient(parse, endpoint!, parse.GetValue(_connection.Region), _connection.Credentials(parse), loggerFactory);
        if (embedded is not null)
        {
            Console.WriteLine($"No OSS endpoint configured (--endpoint or OSS_ENDPOINT): using the embedded local OSS server at {embedded.Server.Endpoint}.");
        }

        await using Stream? input = stdin ? Console.OpenStandardInput() : null;
        ResumableUploadRequest request = BuildRequest(parse, bucket, key, input is null ? file : null, input, noCheckpoint ? null : checkpointDirectory, abort, progress);
        long length = input is null ? new FileInfo(file).Length : -1;
        string source = input is null ? $"{file} ({ByteSize.Format(length)})" : "stdin (length unknown until its end)";
        Console.WriteLine($"Uploading {source} to oss://{bucket}/{key}, parts of {ByteSize.Format(request.PartSize)}, {request.MaxConcurrency} in flight{(request.AdaptiveConcurrency && input is null ? $" (more while that speeds it up, within {ByteSize.Format(request.AdaptiveMemoryLimit)})" : string.Empty)}.");
        var clock = Stopwatch.StartNew();
        try
        {
            ResumableUploadResult result = await client.ResumableUploadAsync(request, interrupt.Token);
            progress.Finish();
            PrintResult(result, input is null ? length : progress.Last.TotalBytesSent, clock.Elapsed);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            progress.Finish();
            Console.WriteLine(abort
                ? "Cancelled. The upload was aborted on the server and its checkpoint deleted."
                : noCheckpoint
                    ? "Cancelled. No checkpoint is kept (--no-checkpoint): the next run starts over."
                    : $"Cancelled. Run the same command again to resume; the checkpoint is in {checkpointDirectory}.");
            return ExitCodes.Cancelled;
        }
        catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.CannotResumeUpload)
        {
            progress.Finish();
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            await Console.Error.WriteLineAsync("The stale checkpoint was removed; run the command again to start a new upload, or pass --restart-when-cannot-resume.");
            return ExitCodes.Failure;
        }
        catch (OssException ex)
        {
            progress.Finish();
            await Console.Error.WriteLineAsync("oss-upload: " + ex.Message);
            return ExitCodes.Failure;
        }
    }

    private ResumableUploadRequest BuildRequest(ParseResult parse, string bucket, string key, string? file, Stream? stream, string? checkpointDirectory, bool abort, ProgressDisplay progress) => new()
    {
        BucketName = bucket,
        ObjectKey = key,
        UploadFilePath = file,
        UploadStream = stream,
        PartSize = parse.GetValue(_partSize),
        MaxConcurrency = parse.GetValue(_concurrency),
        AdaptiveConcurrency = !parse.GetValue(_noAdaptive),
        AdaptiveMemoryLimit = parse.GetValue(_memoryLimit),
        CheckpointDirectory = checkpointDirectory,
        CancelBehavior = abort ? UploadCancelBehavior.Abort : UploadCancelBehavior.KeepForResume,
        RestartWhenCannotResume = parse.GetValue(_restart),
        Progress = progress,
        ContentType = parse.GetValue(_object.ContentType),
        StorageClass = parse.GetValue(_object.StorageClass),
        ServerSideEncryption = parse.GetValue(_object.Encryption),
        ServerSideEncryptionKeyId = parse.GetValue(_object.EncryptionKeyId),
        ObjectAcl = parse.GetValue(_object.Acl),
        Tags = parse.GetValue(_object.Tags),
        Metadata = parse.GetValue(_object.Metadata),
        CacheControl = parse.GetValue(_object.CacheControl),
        ContentDisposition = parse.GetValue(_object.ContentDisposition),
        ForbidOverwrite = parse.GetValue(_object.ForbidOverwrite),
        TrafficLimit = parse.GetValue(_object.TrafficLimit),
    };

    /// <summary>Client options for the embedded server, with the CLI's loggers.</summary>
    public static OssClientOptions EmbeddedClientOptions(EmbeddedServer embedded, ILoggerFactory? loggerFactory)
    {
        OssClientOptions server = embedded.Server.CreateClientOptions();
        return new OssClientOptions { Endpoint = server.Endpoint, Region = server.Region, Credentials = server.Credentials, LoggerFactory = loggerFactory };
    }

    private static void PrintResult(ResumableUploadResult result, long length, TimeSpan elapsed)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        Console.WriteLine($"Done in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s ({ByteSize.Format((length - result.ResumedBytes) / seconds)}/s sent).");
        Console.WriteLine($"  ETag       {result.ETag}");
        Console.WriteLine($"  CRC-64     {result.HashCrc64Ecma?.ToString(CultureInfo.InvariantCulture) ?? "(not returned)"}");
        Console.WriteLine($"  RequestId  {result.RequestId ?? "(none)"}");
        Console.WriteLine($"  UploadId   {result.UploadId ?? "(single PutObject)"}");
        Console.WriteLine($"  In flight  at most {result.PeakConcurrency.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"  Resumed    {(result.Resumed ? $"yes, {ByteSize.Format(result.ResumedBytes)} were already on the server" : "no")}");
    }
}
