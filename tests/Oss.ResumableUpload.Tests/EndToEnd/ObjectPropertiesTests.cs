using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>What the request says about the object reaches the server; many parts in parallel under random faults still assemble right.</summary>
public sealed class ObjectPropertiesTests
{
    private const int P = EndToEndHarness.PartSize;

    [Theory]
    [InlineData(P / 2)]
    [InlineData((2 * P) + 1)]
    public async Task ContentTypeAndMetadataAreStored(int length)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: 101);
        ResumableUploadRequest defaults = harness.Request(path, "props/explicit.bin");

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = defaults.BucketName,
            ObjectKey = defaults.ObjectKey,
            UploadFilePath = path,
            PartSize = P,
            CheckpointDirectory = defaults.CheckpointDirectory,
            ContentType = "image/x-test",
            Metadata = new Dictionary<string, string> { ["owner"] = "e2e", ["purpose"] = "metadata" },
        });

        await harness.AssertStoredAsync("props/explicit.bin", File.ReadAllBytes(path), result);
        OssStoredObject stored = harness.Server.GetObject(EndToEndHarness.Bucket, "props/explicit.bin")!;
        Assert.Equal("image/x-test", stored.ContentType);
        Assert.Equal("e2e", stored.Metadata["x-oss-meta-owner"]);
        Assert.Equal("metadata", stored.Metadata["x-oss-meta-purpose"]);

        // Without one, the Content-Type comes from the key's extension.
        ResumableUploadResult guessed = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, "props/guessed.txt"));
        Assert.Equal("text/plain", harness.Server.GetObject(EndToEndHarness.Bucket, "props/guessed.txt")!.ContentType);
        Assert.Equal(result.HashCrc64Ecma, guessed.HashCrc64Ecma);
    }

    [Fact]
    public async Task ManyPartsInParallelUnderRandomFaultsAssembleRight()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        const int parts = 30;
        string path = harness.CreateFile((parts * P) - 1234, seed: 102);
        var random = new Random(103);
        foreach (int part in Enumerable.Range(1, parts).OrderBy(_ => random.Next()).Take(9).ToArray())
        {
            switch (part % 3)
            {
                case 0:
                    harness.Server.Faults.FailNext(OssOperationKind.UploadPart, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: part);
                    break;
                case 1:
                    harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: random.Next(1, P), partNumber: part);
                    break;
                default:
                    harness.Server.Faults.DropResponse(OssOperationKind.UploadPart, partNumber: part);
                    break;
            }
        }

        var progress = new SyncProgress();
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, "props/many.bin", concurrency: 8, progress: progress));

        Assert.Empty(harness.Server.Faults.Pending);
        await harness.AssertStoredAsync("props/many.bin", File.ReadAllBytes(path), result);
        Assert.Equal(parts, harness.Server.GetObject(EndToEndHarness.Bucket, "props/many.bin")!.PartCount);
        progress.AssertWellFormed((parts * P) - 1234);
    }
}
