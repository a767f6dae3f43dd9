using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Cli;

/// <summary><c>oss-upload upload [FILE]</c>: a resumable upload with a live progress bar.</summary>
internal static class UploadCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        if (line.Has("help"))
        {
            return Usage.Print();
        }

        ClientSettings settings = ClientSettings.Read(line);
        string? endpoint = settings.Endpoint;
        string? region = settings.Region;
        string bucket = line.Get("bucket") ?? "demo-bucket";
        long partSize = line.GetSize("part-size") ?? 1024 * 1024;
        int concurrency = line.GetInt("concurrency", 4);
        bool abortOnCancel = line.Has("abort-on-cancel");
        bool noCheckpoint = line.Has("no-checkpoint");
        string checkpointDirectory = line.Get("checkpoint-dir")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "oss-upload", "checkpoints");
        long demoSize = line.GetSize("demo-size") ?? 64L * 1024 * 1024;

        string file = line.Positional.Count > 0 ? line.Positional[0] : DemoFile.Ensure(demoSize);
        if (line.Positional.Count > 1)
        {
            throw new UsageException("upload takes one file.");
        }

        string key = line.Get("key") ?? Path.GetFileName(file);
        line.ThrowOnUnknown();

        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"oss-upload: the file '{file}' does not exist.");
            return 1;
        }

        Uri? endpointUri = endpoint is null ? null : ClientSettings.ParseEndpointOrReport(endpoint);
        if (endpoint is not null && endpointUri is null)
        {
            return 1;
        }

        await using OssTestServer? embedded = endpointUri is null ? await StartEmbeddedServerAsync(bucket) : null;
        IOssCredentialsProvider? credentials;
        if (embedded is not null)
        {
            credentials = OssTestCredential.Default.ToCredentialsProvider();
            region = "cn-hangzhou";
            Console.WriteLine($"No OSS endpoint configured (--endpoint or OSS_ENDPOINT): using the embedded local OSS server at {embedded.Endpoint}.");
        }
        else
        {
            credentials = settings.CredentialsOrReport();
            if (credentials is null)
            {
                return 1;
            }
        }

        OssClient? client = settings.CreateClientOrReport(embedded?.Endpoint ?? endpointUri!, region, credentials);
        if (client is null)
        {
            return 1;
        }

        using OssClient disposeClient = client;

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var progress = new ProgressBar();
        var request = new ResumableUploadRequest
        {
            BucketName = bucket,
            ObjectKey = key,
            UploadFilePath = file,
            PartSize = partSize,
            MaxConcurrency = concurrency,
            CheckpointDirectory = noCheckpoint ? null : checkpointDirectory,
            CancelBehavior = abortOnCancel ? UploadCancelBehavior.Abort : UploadCancelBehavior.KeepForResume,
            Progress = progress,
        };

        long length = new FileInfo(file).Length;
        Console.WriteLine($"Uploading {file} ({ByteSize.Format(length)}) to oss://{bucket}/{key}, parts of {ByteSize.Format(partSize)}, {concurrency} in flight.");
        var clock = Stopwatch.StartNew();
        try
        {
            ResumableUploadResult result = await client.ResumableUploadAsync(request, cancel.Token);
            progress.Finish();
            double seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine($"Done in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s ({((length - result.ResumedBytes) / seconds / 1_000_000).ToString("0.0", CultureInfo.InvariantCulture)} MB/s sent).");
            Console.WriteLine($"  ETag       {result.ETag}");
            Console.WriteLine($"  CRC-64     {result.HashCrc64Ecma?.ToString(CultureInfo.InvariantCulture) ?? "(not returned)"}");
            Console.WriteLine($"  RequestId  {result.RequestId ?? "(none)"}");
            Console.WriteLine($"  UploadId   {result.UploadId ?? "(single PutObject)"}");
            Console.WriteLine($"  Resumed    {(result.Resumed ? $"yes, {ByteSize.Format(result.ResumedBytes)} were already on the server" : "no")}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            progress.Finish();
            Console.WriteLine(abortOnCancel
                ? "Cancelled. The upload was aborted on the server and its checkpoint deleted."
                : noCheckpoint
                    ? "Cancelled. No checkpoint is kept (--no-checkpoint): the next run starts over."
                    : $"Cancelled. Run the same command again to resume; the checkpoint is in {checkpointDirectory}.");
            return 130;
        }
        catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.CannotResumeUpload)
        {
            progress.Finish();
            Console.Error.WriteLine("oss-upload: " + ex.Message);
            Console.Error.WriteLine("The stale checkpoint was removed; run the command again to start a new upload.");
            return 1;
        }
        catch (OssException ex)
        {
            progress.Finish();
            Console.Error.WriteLine("oss-upload: " + ex.Message);
            return 1;
        }
    }

    private static async Task<OssTestServer> StartEmbeddedServerAsync(string bucket)
    {
        var options = new OssTestServerOptions { StorageMode = OssTestStorageMode.Discard };
        options.Buckets.Add(bucket);
        return await OssTestServer.StartAsync(options);
    }
}
