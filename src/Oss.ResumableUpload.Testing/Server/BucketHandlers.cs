namespace Oss.ResumableUpload.Testing;

/// <summary>PutBucket.</summary>
internal sealed class BucketHandlers(ServerRuntime runtime)
{
    public Task<OssReply> PutBucketAsync(OssRequestContext request)
    {
        string bucket = request.Bucket!;
        if (!RequestChecks.IsValidBucketName(bucket))
        {
            throw OssError.InvalidBucketName(bucket).ToException();
        }

        lock (runtime.State.Gate)
        {
            runtime.State.Buckets.TryAdd(bucket, new SortedDictionary<string, ObjectState>(StringComparer.Ordinal));
        }

        return Task.FromResult(OssReply.Empty().WithHeader("Location", "/" + bucket));
    }
}
