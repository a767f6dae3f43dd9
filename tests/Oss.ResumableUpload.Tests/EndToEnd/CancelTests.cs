using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Cancel through the token with each <see cref="UploadCancelBehavior"/>, checked against the server's state.</summary>
public sealed class CancelTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task KeepForResumeLeavesTheUploadAndCheckpointAndTheResumeSendsOnlyTheMissingParts()
    {
        const string key = "cancel/keep.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(8 * P, seed: 11);

        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 5, UploadCancelBehavior.KeepForResume);

        OssStoredUpload kept = Assert.IsType<OssStoredUpload>(harness.Server.GetUpload(uploadId));
        Assert.Equal([1, 2, 3, 4], kept.Parts.Select(p => p.PartNumber));
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Single(harness.CheckpointFiles());
        long[] before = Enumerable.Range(1, 4).Select(p => harness.Server.GetPartBytesReceived(uploadId, p)).ToArray();
        int requestsBefore = harness.Server.Requests.Count;

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(4L * P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(before, Enumerable.Range(1, 4).Select(p => harness.Server.GetPartBytesReceived(uploadId, p)));
        int[] sentByResume = harness.Server.Requests.Snapshot().Skip(requestsBefore)
            .Where(r => r.Operation == OssOperationKind.UploadPart)
            .Select(r => r.PartNumber!.Value).Order().ToArray();
        Assert.Equal([5, 6, 7, 8], sentByResume);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AbortRemovesTheUploadFromTheServerAndDeletesTheCheckpoint()
    {
        const string key = "cancel/abort.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(8 * P, seed: 12);

        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 4, UploadCancelBehavior.Abort);

        Assert.Empty(harness.Server.GetUploads());
        Assert.Null(harness.Server.GetUpload(uploadId));
        OssRequestRecord abort = Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Equal(uploadId, abort.UploadId);
        Assert.Equal(204, abort.StatusCode);
        Assert.Empty(harness.CheckpointFiles());
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));

        // The next call starts afresh.
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.False(result.Resumed);
        Assert.NotEqual(uploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task AbortThatFailsKeepsTheCheckpointSoTheNextCallFindsTheUploadInsteadOfOrphaningIt()
    {
        const string key = "cancel/abort-fails.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(8 * P, seed: 17);
        harness.Server.Faults.FailNext(OssOperationKind.AbortMultipartUpload, 1, 403, "AccessDenied");

        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 4, UploadCancelBehavior.Abort);

        Assert.Equal(403, Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload)).StatusCode);
        Assert.NotNull(harness.Server.GetUpload(uploadId));
        Assert.Single(harness.CheckpointFiles());

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Empty(harness.Server.GetUploads());
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task KeepForResumeWithoutAStoreAbortsBecauseNothingCouldResume()
    {
        const string key = "cancel/keep-no-store.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 13);

        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3, UploadCancelBehavior.KeepForResume, checkpoint: false);

        Assert.Empty(harness.Server.GetUploads());
        Assert.Equal(uploadId, Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload)).UploadId);
        Assert.False(Directory.Exists(harness.CheckpointDirectory));
    }

    [Fact]
    public async Task AFailureThatIsNotACancelKeepsTheUploadAndCheckpointForAResume()
    {
        const string key = "failure/keep.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 14);
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, OssFaultInjector.Always, 403, "AccessDenied", partNumber: 4);

        OssServiceException failed = await Assert.ThrowsAsync<OssServiceException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, concurrency: 1)));

        Assert.Equal(403, failed.StatusCode);
        Assert.Equal("AccessDenied", failed.ErrorCode);
        Assert.NotNull(failed.RequestId);
        OssStoredUpload kept = Assert.Single(harness.Server.GetUploads());
        Assert.Equal([1, 2, 3], kept.Parts.Select(p => p.PartNumber));
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Single(harness.CheckpointFiles());

        harness.Server.Faults.Clear();
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(kept.UploadId, result.UploadId);
        Assert.Equal(3L * P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task AFailureWithoutAStoreAbortsTheUpload()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 15);
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, OssFaultInjector.Always, 403, "AccessDenied", partNumber: 2);

        await Assert.ThrowsAsync<OssServiceException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, "failure/no-store.bin", checkpoint: false, concurrency: 1)));

        Assert.Empty(harness.Server.GetUploads());
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
    }

    [Fact]
    public async Task CancelStopsAPartTheServerIsHoldingAndAbortsTheUpload()
    {
        const string key = "cancel/in-flight.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 16);

        // The server would sit on part 2 for ten minutes; the cancel must not wait for it.
        OssFault held = harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMinutes(10), partNumber: 2);
        using var cancel = new CancellationTokenSource();
        Task<ResumableUploadResult> upload = harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, concurrency: 1), cancel.Token);
        await held.WaitForTriggerAsync().WaitAsync(ChildUploader.Deadline);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(ChildUploader.Deadline));

        Assert.Empty(harness.Server.GetUploads());
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload));
        Assert.Empty(harness.CheckpointFiles());
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
    }
}
