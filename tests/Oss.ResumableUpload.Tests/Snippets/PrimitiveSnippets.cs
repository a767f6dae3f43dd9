namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The README's multipart primitives and presigned URLs, compiled and run by <see cref="SnippetRunTests"/>.</summary>
internal static class PrimitiveSnippets
{
    public static async Task<CompleteMultipartUploadResult> PrimitivesAsync(OssClient client, Stream stream)
    {
        // <snippet:multipart-primitives>
        var init = await client.InitiateMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "big.bin" });
        var part = await client.UploadPartAsync(new() { BucketName = "examplebucket", ObjectKey = "big.bin", UploadId = init.UploadId, PartNumber = 1, Content = stream });
        var done = await client.CompleteMultipartUploadAsync(new() { BucketName = "examplebucket", ObjectKey = "big.bin", UploadId = init.UploadId, Parts = [new(1, part.ETag)] });
        // also: ListPartsAsync, ListAllPartsAsync, AbortMultipartUploadAsync, ListMultipartUploadsAsync, ListAllMultipartUploadsAsync, PutObjectAsync, HeadObjectAsync
        // </snippet>
        return done;
    }

    public static (Uri Upload, Uri Download, Uri Part) Presign(OssClient client, InitiateMultipartUploadResult init)
    {
        // <snippet:presigned-uris>
        Uri upload = client.GeneratePresignedUri(new()
        {
            BucketName = "examplebucket", ObjectKey = "photos/cat.jpg",
            Method = HttpMethod.Put, Expires = TimeSpan.FromMinutes(15), ContentType = "image/jpeg",
        });
        // the holder sends: PUT {upload} with Content-Type: image/jpeg (exactly; it is signed)

        Uri download = client.GeneratePresignedUri(new() { BucketName = "examplebucket", ObjectKey = "photos/cat.jpg", Expires = TimeSpan.FromHours(1) });

        // One part of an upload you initiated: PUT {part} with the part's bytes, then complete with its ETag.
        Uri part = client.GeneratePresignedUri(new()
        {
            BucketName = "examplebucket", ObjectKey = "big.bin", Method = HttpMethod.Put, UploadId = init.UploadId, PartNumber = 2, Expires = TimeSpan.FromHours(1),
        });
        // </snippet>
        return (upload, download, part);
    }

    public static async Task<IReadOnlyList<OssMultipartUploadInfo>> AbandonedUploadsAsync(OssClient client)
    {
        // <snippet:abandoned-uploads>
        await foreach (OssMultipartUploadInfo upload in client.ListAllMultipartUploadsAsync("examplebucket", prefix: "videos/"))
        {
            Console.WriteLine($"{upload.ObjectKey} {upload.UploadId} initiated {upload.Initiated:u}");
        }

        IReadOnlyList<OssMultipartUploadInfo> aborted = await client.AbortIncompleteUploadsAsync(
            "examplebucket", prefix: "videos/", initiatedBefore: DateTimeOffset.UtcNow - TimeSpan.FromDays(7));
        // </snippet>
        return aborted;
    }
}
