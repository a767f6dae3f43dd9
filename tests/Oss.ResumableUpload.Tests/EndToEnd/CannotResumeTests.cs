using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>The checkpoint's upload vanished from the server (Faults.DropUpload, as a lifecycle rule would).</summary>
public sealed class CannotResumeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task WithoutRestartThrowsCannotResumeDeletesTheCheckpointAndTheNextCallSucceeds()
    {
        const string key = "vanished/no-restart.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 21);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);
        Assert.Single(harness.CheckpointFiles());
        Assert.True(harness.Server.Faults.DropUpload(uploadId));
        OssClient client = harness.CreateClient();

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, key)));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        Assert.Contains(uploadId, error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.CheckpointFiles());
        Assert.Contains(harness.Server.Requests.Of(OssOperationKind.ListParts), r => r.UploadId == uploadId && r.ErrorCode == "NoSuchUpload");
        Assert.Empty(harness.Server.GetUploads());

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, key));

        Assert.False(result.Resumed);
        Assert.NotEqual(uploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task WithRestartStartsAfreshInTheSameCall()
    {
        const string key = "vanished/restart.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 22);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 4);
        Assert.True(harness.Server.Faults.DropUpload(uploadId));

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, restartWhenCannotResume: true));

        Assert.False(result.Resumed);
        Assert.Equal(0, result.ResumedBytes);
        Assert.NotEqual(uploadId, result.UploadId);
        Assert.Equal(6L * P, harness.Server.GetPartBytesReceived(result.UploadId!));
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadVanishingMidRunIsCannotResumeOrARestart(bool restart)
    {
        const string key = "vanished/mid-run.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 23);
        string? dropped = null;
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            if (EndToEndHarness.PartNumberOf(request) == 3 && dropped is null)
            {
                dropped = Assert.Single(harness.Server.GetUploads()).UploadId;
                Assert.True(harness.Server.Faults.DropUpload(dropped));
            }

            return Task.CompletedTask;
        });
        ResumableUploadRequest request = harness.Request(path, key, concurrency: 1, restartWhenCannotResume: restart);

        if (!restart)
        {
            OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(request));
            Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
            Assert.Empty(harness.CheckpointFiles());
            Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
            Assert.Contains(harness.Server.Requests.Of(OssOperationKind.UploadPart), r => r.PartNumber == 3 && r.ErrorCode == "NoSuchUpload");
            return;
        }

        ResumableUploadResult result = await client.ResumableUploadAsync(request);
        Assert.NotEqual(dropped, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }
}
