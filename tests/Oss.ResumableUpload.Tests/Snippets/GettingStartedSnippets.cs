namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The README's getting-started and resumable examples, compiled (and the runnable ones run by <see cref="SnippetRunTests"/>).</summary>
internal static class GettingStartedSnippets
{
    public static async Task<ResumableUploadResult> GettingStartedAsync(CancellationToken cancellationToken)
    {
        // <snippet:getting-started>
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"),   // the region is inferred for signature V4
            Credentials = new EnvironmentCredentialsProvider(),           // OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN
        });

        ResumableUploadResult result = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = "examplebucket",
            ObjectKey = "exampledir/exampleobject.bin",
            UploadFilePath = "/data/big.bin",
            CheckpointDirectory = "/var/tmp/oss-checkpoints",
            Progress = new Progress<UploadProgress>(p => Console.WriteLine($"{p.TotalBytesSent}/{p.TotalBytesExpected}")),
        }, cancellationToken);

        Console.WriteLine($"{result.ETag} CRC-64 {result.HashCrc64Ecma}");
        // </snippet>
        return result;
    }

    public static async Task<ResumableUploadResult> CancelAndResumeAsync(OssClient client, string path, string checkpoints, CancellationTokenSource cts)
    {
        // <snippet:cancel-and-resume>
        var request = new ResumableUploadRequest
        {
            BucketName = "examplebucket", ObjectKey = "video.mp4", UploadFilePath = path,
            CheckpointDirectory = checkpoints,
            CancelBehavior = UploadCancelBehavior.KeepForResume,
        };
        try { await client.ResumableUploadAsync(request, cts.Token); }
        catch (OperationCanceledException) { /* parts and checkpoint kept */ }

        ResumableUploadResult resumed = await client.ResumableUploadAsync(request);   // continues from the parts on the server
        // </snippet>
        return resumed;
    }

    public static async Task HandleCannotResumeAsync(OssClient client, ResumableUploadRequest request)
    {
        // <snippet:cannot-resume>
        try
        {
            await client.ResumableUploadAsync(request);
        }
        catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.CannotResumeUpload)
        {
            // The stale checkpoint was deleted; the next call starts afresh.
            // Or set RestartWhenCannotResume = true to start afresh at once.
        }
        // </snippet>
    }

    public static async Task<ResumableUploadResult> ObjectSettingsAsync(OssClient client, string path)
    {
        // <snippet:object-settings>
        ResumableUploadResult stored = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = "examplebucket", ObjectKey = "reports/2026.pdf", UploadFilePath = path,
            ContentType = "application/pdf",
            StorageClass = "IA",                              // Standard, IA, Archive, ColdArchive, DeepColdArchive
            ServerSideEncryption = "AES256",                  // or "KMS" with ServerSideEncryptionKeyId, or "SM4"
            Tags = new Dictionary<string, string> { ["team"] = "finance" },
            ObjectAcl = "private",
            ForbidOverwrite = true,                           // 409 FileAlreadyExists if the key exists, before any part
            CacheControl = "max-age=3600",
            ContentDisposition = "attachment; filename=\"2026.pdf\"",
            TrafficLimit = 100 * 1024 * 1024 * 8,             // bit/s, on every part: here 100 MiB/s
        });
        // </snippet>
        return stored;
    }
}
