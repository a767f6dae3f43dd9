using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Resume paths at the edges: a lost Complete reply across calls, a changed part size, nothing left but Complete.</summary>
public sealed class ResumeEdgeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AResumePagesThroughListPartsAndSendsOnlyTheMissingParts()
    {
        const string key = "edge/paged-list-parts.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.MaxListPageSize = 3);
        string path = harness.CreateFile(10 * P, seed: 93);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 8, UploadCancelBehavior.KeepForResume);
        Assert.Equal(7, harness.Server.GetUpload(uploadId)!.Parts.Count);
        int before = harness.Server.Requests.Count;

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        OssRequestRecord[] resumed = harness.Server.Requests.Snapshot().Skip(before).ToArray();
        Assert.Equal(3, resumed.Count(r => r.Operation == OssOperationKind.ListParts)); // 3 + 3 + 1 parts
        Assert.Equal([8, 9, 10], resumed.Where(r => r.Operation == OssOperationKind.UploadPart).Select(r => r.PartNumber!.Value).Order());
        Assert.Equal(7L * P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task ALostCompleteReplyWhoseRetriesAlsoFailIsRecognisedByTheNextCall()
    {
        const string key = "edge/lost-complete.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 91);

        // The first Complete succeeds on the server but its reply is lost; every retry's connection is then reset
        // (registered as the first retry is sent), so this call cannot tell that the object exists.
        harness.Server.Faults.CompleteThenDropConnection();
        int completes = 0;
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.Query.Contains("uploadId=", StringComparison.Ordinal) && ++completes == 2)
            {
                harness.Server.Faults.ResetConnection(OssOperationKind.CompleteMultipartUpload, OssFaultInjector.Always);
            }

            return Task.CompletedTask;
        });
        OssClientException failed = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, key)));
        Assert.Equal(OssClientErrorCode.NetworkFailure, failed.ErrorCode);
        Assert.True(completes >= 2);
        OssStoredObject stored = Assert.IsType<OssStoredObject>(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Single(harness.CheckpointFiles());

        harness.Server.Faults.Clear();
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(stored.ETag, result.ETag);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(3L * P, harness.Server.GetPartBytesReceived(result.UploadId!));
        Assert.Contains(harness.Server.Requests.Of(OssOperationKind.ListParts), r => r.ErrorCode == "NoSuchUpload");
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AResumeKeepsThePartLayoutOfItsCheckpointWhenPartSizeChanged()
    {
        const string key = "edge/layout.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((6 * P) + 10, seed: 92);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);
        ResumableUploadRequest defaults = harness.Request(path, key);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = defaults.BucketName,
            ObjectKey = key,
            UploadFilePath = path,
            PartSize = 4 * P,
            CheckpointDirectory = defaults.CheckpointDirectory,
        });

        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(2L * P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(7, harness.Server.GetObject(EndToEndHarness.Bucket, key)!.PartCount);
        Assert.All(harness.Server.Requests.Of(OssOperationKind.UploadPart), r => Assert.InRange(r.BodyBytesReceived, 0, P));
    }

    [Fact]
    public async Task AnUploadStoppedJustBeforeCompleteResumesWithOnlyComplete()
    {
        const string key = "edge/only-complete.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 93);
        using var cancel = new CancellationTokenSource();
        OssClient hooked = harness.CreateHookedClient((request, _) =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.Query.Contains("uploadId=", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => hooked.ResumableUploadAsync(harness.Request(path, key, cancelBehavior: UploadCancelBehavior.KeepForResume), cancel.Token));
        OssStoredUpload kept = Assert.Single(harness.Server.GetUploads());
        Assert.Equal(4, kept.Parts.Count);
        int requestsBefore = harness.Server.Requests.Count;

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.Equal(kept.UploadId, result.UploadId);
        Assert.Equal(4L * P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(
            [OssOperationKind.ListParts, OssOperationKind.CompleteMultipartUpload],
            harness.Server.Requests.Snapshot().Skip(requestsBefore).Select(r => r.Operation));
    }

    [Fact]
    public async Task ASecondUploadOfTheSameObjectInTheSameProcessGetsCheckpointLocked()
    {
        const string key = "edge/locked-in-process.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 94);
        var firstPartSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OssClient blocked = harness.CreateHookedClient(async (request, _) =>
        {
            if (EndToEndHarness.PartNumberOf(request) == 1)
            {
                firstPartSending.TrySetResult();
                await release.Task;
            }
        });

        Task<ResumableUploadResult> first = blocked.ResumableUploadAsync(harness.Request(path, key, concurrency: 1));
        await firstPartSending.Task.WaitAsync(ChildUploader.Deadline);
        OssClientException locked = await Assert.ThrowsAsync<OssClientException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, key)));
        release.SetResult();
        ResumableUploadResult result = await first;

        Assert.Equal(OssClientErrorCode.CheckpointLocked, locked.ErrorCode);
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload));
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);

        // The lock is released at the end: the object can be uploaded again.
        await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenSendsNothingAndLeavesNoLockBehind()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 95);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, "edge/cancelled.bin"), new CancellationToken(canceled: true)));

        Assert.Empty(harness.Server.Requests);
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, "edge/cancelled.bin"));
        await harness.AssertStoredAsync("edge/cancelled.bin", File.ReadAllBytes(path), result);
    }
}
