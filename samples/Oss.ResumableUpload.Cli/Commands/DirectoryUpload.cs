using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// <c>oss-upload upload DIR --recursive</c>: the tree through <see cref="OssClient.UploadDirectoryAsync"/>, one progress
/// line, a summary at the end. Exit 0 when every file was uploaded or skipped, 1 when any failed. With a checkpoint
/// directory, Ctrl+C then the same command again resumes (each file's checkpoint and the tree's manifest).
/// </summary>
internal static class DirectoryUpload
{
    public static async Task<int> RunAsync(UploadCommand upload, ParseResult parse, string directory)
    {
        DirectoryOptions tree = upload.Tree;
        if (!parse.GetValue(tree.Recursive))
        {
            throw new CliUsageException($"'{directory}' is a directory: add --recursive to upload everything under it.");
        }

        foreach ((Option option, string why) in new (Option, string)[]
        {
            (upload.Key, "use --prefix to place a directory's objects"),
            (upload.Restart, "a directory upload restarts a file whose upload is gone by itself"),
        })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new CliUsageException($"{option.Name} cannot be used with a directory: {why}.");
            }
        }

        string bucket = parse.GetValue(upload.Bucket)!;
        string root = Path.GetFullPath(directory);
        string? checkpointDirectory = upload.CheckpointDirectoryOf(parse);
        bool abort = upload.AbortOnCancel(parse);
        DirectoryProgressDisplay progress = DirectoryProgressDisplay.ForConsole();
        using var interrupt = new Interrupt(() =>
        {
            progress.Finish();
            Console.Error.WriteLine("Stopping... (Ctrl+C again quits at once)");
        });

        ConnectionOptions connection = upload.Connection;
        using ILoggerFactory? loggerFactory = connection.CreateLoggerFactory(parse);
        Uri? endpoint = connection.EndpointOf(parse);
        await using EmbeddedServer? embedded = endpoint is null
            ? await EmbeddedServer.StartAsync(bucket, upload.ServerDataOf(parse), loggerFactory, interrupt.Token)
            : null;
        using OssClient client = embedded is not null
            ? new OssClient(UploadCommand.EmbeddedClientOptions(embedded, loggerFactory))
            : connection.CreateClient(parse, endpoint!, parse.GetValue(connection.Region), connection.Credentials(parse), loggerFactory);
        if (embedded is not null)
        {
            Console.WriteLine($"No OSS endpoint configured (--endpoint or OSS_ENDPOINT): using the embedded local OSS server at {embedded.Server.Endpoint}.");
        }

        UploadDirectoryRequest request = BuildRequest(upload, parse, root, bucket, checkpointDirectory, abort, progress);
        Console.WriteLine($"Uploading the directory {root} to oss://{bucket}/{request.KeyPrefix}, parts of {ByteSize.Format(request.PartSize)}, {request.MaxConcurrency} in flight.");
        var clock = Stopwatch.StartNew();
        try
        {
            DirectoryUploadResult result = await client.UploadDirectoryAsync(request, interrupt.Token);
            progress.Finish();
            PrintSummary(result, clock.Elapsed);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            progress.Finish();
            Console.WriteLine(checkpointDirectory is null
                ? "Cancelled. No checkpoint is kept (--no-checkpoint): the next run starts over."
                : abort
                    ? "Cancelled. The uploads in flight were aborted; run the same command again to upload the rest."
                    : $"Cancelled. Run the same command again to resume; the checkpoints are in {checkpointDirectory}.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is OssException or IOException or UnauthorizedAccessException && ex is not DirectoryNotFoundException)
        {
            // --stop-on-first-failure: the first failed file's own exception.
            progress.Finish();
            await Console.Error.WriteLineAsync("oss-upload: stopped at the first failure: " + OneLine(ex.Message));
            return ExitCodes.Failure;
        }
    }

    private static UploadDirectoryRequest BuildRequest(UploadCommand upload, ParseResult parse, string root, string bucket, string? checkpointDirectory, bool abort, DirectoryProgressDisplay progress)
    {
        DirectoryOptions tree = upload.Tree;
        ObjectOptions settings = upload.Object;
        string[] include = parse.GetValue(tree.Include)!;
        string[] exclude = parse.GetValue(tree.Exclude)!;
        return new UploadDirectoryRequest
        {
            LocalDirectory = root,
            BucketName = bucket,
            KeyPrefix = parse.GetValue(tree.Prefix) ?? string.Empty,
            Include = include.Length > 0 ? include : null,
            Exclude = exclude.Length > 0 ? exclude : null,
            IncludeHidden = parse.GetValue(tree.IncludeHidden),
            FollowSymbolicLinks = parse.GetValue(tree.FollowSymlinks),
            SkipUnchanged = parse.GetValue(tree.SkipUnchanged),
            StopOnFirstFailure = parse.GetValue(tree.StopOnFirstFailure),
            PartSize = parse.GetValue(upload.PartSize),
            MaxConcurrency = parse.GetValue(upload.Concurrency),
            CheckpointDirectory = checkpointDirectory,
            CancelBehavior = abort || checkpointDirectory is null ? UploadCancelBehavior.Abort : UploadCancelBehavior.KeepForResume,
            Progress = progress,
            ContentType = parse.GetValue(settings.ContentType),
            StorageClass = parse.GetValue(settings.StorageClass),
            ServerSideEncryption = parse.GetValue(settings.Encryption),
            ServerSideEncryptionKeyId = parse.GetValue(settings.EncryptionKeyId),
            ObjectAcl = parse.GetValue(settings.Acl),
            Tags = parse.GetValue(settings.Tags),
            Metadata = parse.GetValue(settings.Metadata),
            CacheControl = parse.GetValue(settings.CacheControl),
            ContentDisposition = parse.GetValue(settings.ContentDisposition),
            ForbidOverwrite = parse.GetValue(settings.ForbidOverwrite),
            TrafficLimit = parse.GetValue(settings.TrafficLimit),
        };
    }

    private static void PrintSummary(DirectoryUploadResult result, TimeSpan elapsed)
    {
        int uploaded = result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Uploaded);
        int skipped = result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Skipped);
        int failed = result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Failed);
        long bytes = result.Files.Where(f => f.Outcome == DirectoryUploadOutcome.Uploaded).Sum(f => f.Size);
        double seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done in {seconds:0.00} s: {uploaded} uploaded ({ByteSize.Format(bytes)}), {skipped} skipped, {failed} failed, of {result.Files.Count} files."));
        List<ResumableUploadResult> resumed = result.Files.Select(f => f.Result).OfType<ResumableUploadResult>().Where(r => r.Resumed).ToList();
        if (resumed.Count > 0)
        {
            Console.WriteLine($"  resumed {resumed.Count} files: {ByteSize.Format(resumed.Sum(r => r.ResumedBytes))} were already on the server");
        }

        foreach (DirectoryUploadEntry entry in result.Files.Where(f => f.Outcome == DirectoryUploadOutcome.Failed))
        {
            Console.WriteLine($"  failed  {entry.RelativePath}: {OneLine(entry.Error?.Message ?? "unknown error")}");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
