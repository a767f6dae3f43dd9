using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Files of the boundary sizes, uploaded over real HTTP and read back from the server.</summary>
public sealed class SizeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(P - 1, 1)]
    [InlineData(P, 1)]
    [InlineData(P + 1, 2)]
    [InlineData(30 * P, 30)]
    [InlineData((29 * P) + 12_345, 30)]
    public async Task StoresExactlyTheFilesBytes(int length, int expectedParts)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        string path = harness.CreateFile(length, seed: length);
        var progress = new SyncProgress();
        ResumableUploadRequest request = harness.Request(path, key: $"sizes/{length}.bin");

        ResumableUploadResult result = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = path,
            PartSize = P,
            MaxConcurrency = 4,
            CheckpointDirectory = request.CheckpointDirectory,
            Progress = progress,
        });

        byte[] expected = File.ReadAllBytes(path);
        await harness.AssertStoredAsync(request.ObjectKey, expected, result);
        Assert.Equal(length, result.ContentLength);
        Assert.False(result.Resumed);
        OssStoredObject stored = harness.Server.GetObject(EndToEndHarness.Bucket, request.ObjectKey)!;
        if (expectedParts == 1)
        {
            // A file that fits in one part goes up as one PutObject.
            Assert.Null(result.UploadId);
            Assert.False(stored.IsMultipart);
            Assert.Single(harness.Server.Requests.Of(OssOperationKind.PutObject));
            Assert.Empty(harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload));
        }
        else
        {
            Assert.NotNull(result.UploadId);
            Assert.True(stored.IsMultipart);
            Assert.Equal(expectedParts, stored.PartCount);
            Assert.Equal(expectedParts, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
            Assert.Equal(length, harness.Server.GetPartBytesReceived(result.UploadId));
            Assert.Single(harness.Server.Requests.Of(OssOperationKind.CompleteMultipartUpload));
        }

        Assert.All(harness.Server.Requests, r => Assert.InRange(r.StatusCode, 200, 299));
        progress.AssertWellFormed(length);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task OnePartFileGoesMultipartWhenSinglePutIsOff()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssClient client = harness.CreateClient();
        string path = harness.CreateFile(P - 1);

        ResumableUploadResult result = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "one-part",
            UploadFilePath = path,
            PartSize = P,
            UseSinglePutForSmallFiles = false,
        });

        Assert.NotNull(result.UploadId);
        await harness.AssertStoredAsync("one-part", File.ReadAllBytes(path), result);
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.PutObject));
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.UploadPart));
    }
}
