using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>The local file changes between runs (a fresh upload) or during one (FileChanged, nothing completed).</summary>
public sealed class FileChangeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AFileChangedBetweenRunsStartsAfreshAndAbortsTheSupersededUpload()
    {
        const string key = "changed/between.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 31);
        string oldUploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 4);
        Assert.NotNull(harness.Server.GetUpload(oldUploadId));

        // Same size, new content and a new last-write time.
        byte[] changed = EndToEndHarness.Content(6 * P, seed: 32);
        File.WriteAllBytes(path, changed);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.False(result.Resumed);
        Assert.NotEqual(oldUploadId, result.UploadId);
        Assert.Null(harness.Server.GetUpload(oldUploadId));
        Assert.Contains(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload), r => r.UploadId == oldUploadId && r.StatusCode == 204);
        await harness.AssertStoredAsync(key, changed, result);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task ASupersededUploadThatAlreadyVanishedIsStillCleanedUp()
    {
        const string key = "changed/vanished.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 37);
        string oldUploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);
        Assert.True(harness.Server.Faults.DropUpload(oldUploadId));
        File.WriteAllBytes(path, EndToEndHarness.Content(5 * P, seed: 38));

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.False(result.Resumed);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Contains(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload), r => r.UploadId == oldUploadId && r.ErrorCode == "NoSuchUpload");
        Assert.Empty(harness.CheckpointFiles());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFileChangedDuringTheRunFailsWithFileChangedAndCompletesNothing(bool grow)
    {
        const string key = "changed/during.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 33);
        bool changed = false;
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            // Part 3's bytes are already read; rewrite the file before it is sent.
            if (EndToEndHarness.PartNumberOf(request) == 3 && !changed)
            {
                changed = true;
                File.WriteAllBytes(path, EndToEndHarness.Content((6 * P) + (grow ? 1 : 0), seed: 34));
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            }

            return Task.CompletedTask;
        });

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => client.ResumableUploadAsync(harness.Request(path, key, concurrency: 1)));

        Assert.Equal(OssClientErrorCode.FileChanged, error.ErrorCode);
        Assert.True(changed);
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.CompleteMultipartUpload));

        // Documented: the parts can never form this file again, so the upload is aborted and the checkpoint deleted.
        Assert.Empty(harness.Server.GetUploads());
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task ASmallFileChangedDuringItsSinglePutFailsWithFileChanged()
    {
        const string key = "changed/single.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(P / 2, seed: 35);
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            if (request.Method == HttpMethod.Put)
            {
                File.WriteAllBytes(path, EndToEndHarness.Content(P / 2, seed: 36));
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            }

            return Task.CompletedTask;
        });
        harness.Server.Faults.FailNext(OssOperationKind.PutObject, OssFaultInjector.Always, 403, "AccessDenied");

        // The PutObject fails and the file changed meanwhile: the change is what is reported.
        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => client.ResumableUploadAsync(harness.Request(path, key)));

        Assert.Equal(OssClientErrorCode.FileChanged, error.ErrorCode);
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
    }
}
