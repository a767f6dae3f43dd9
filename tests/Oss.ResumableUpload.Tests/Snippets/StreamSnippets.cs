namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The stream example of docs/streams.md; the region between the markers is the example, compiled here.</summary>
internal static class StreamSnippets
{
    public static async Task<ResumableUploadResult> UploadStreamAsync(OssClient client, string path, CancellationToken cancellationToken)
    {
        // <snippet:upload-stream>
        // A seekable stream with an identity: parallel parts, resumable across processes.
        await using FileStream stream = File.OpenRead(path);
        var info = new FileInfo(path);
        ResumableUploadResult result = await client.ResumableUploadAsync(
            new ResumableUploadRequest
            {
                BucketName = "my-bucket",
                ObjectKey = "backups/db.dump",
                UploadStream = stream,                          // read from its Position to its end; never disposed
                UploadStreamIdentity = $"{info.FullName}@{info.LastWriteTimeUtc.Ticks}", // same identity = same bytes
                CheckpointDirectory = "/var/lib/myapp/oss-checkpoints",
                CancelBehavior = UploadCancelBehavior.KeepForResume,
            },
            cancellationToken);
        // </snippet>
        return result;
    }
}
