namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>What a user's upload-and-exit program does: one client, one <see cref="OssClient.ResumableUploadAsync"/>; returns its <see cref="ResumableUploadResult.PeakConcurrency"/>.</summary>
internal static class LibraryUpload
{
    public static async Task<int> RunAsync(ChildOptions options)
    {
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = options.Endpoint,
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider("LTAI-bench-access-key", "bench-secret-not-a-real-one"),
        });

        // Only what the caller gave; everything else stays at the library's defaults.
        var defaults = Defaults();
        var request = new ResumableUploadRequest
        {
            BucketName = options.Bucket,
            ObjectKey = $"library-{Guid.NewGuid():N}",
            UploadFilePath = options.File,
            PartSize = options.PartSize ?? defaults.PartSize,
            MaxConcurrency = options.Concurrency ?? defaults.MaxConcurrency,
            AdaptiveConcurrency = options.Adaptive ?? defaults.AdaptiveConcurrency,
        };
        ResumableUploadResult result = await client.ResumableUploadAsync(request);
        return result.PeakConcurrency;
    }

    /// <summary>A request with nothing set but the required names: its PartSize, MaxConcurrency and AdaptiveConcurrency are the defaults.</summary>
    public static ResumableUploadRequest Defaults() => new() { BucketName = "b", ObjectKey = "k", UploadFilePath = "f" };
}
