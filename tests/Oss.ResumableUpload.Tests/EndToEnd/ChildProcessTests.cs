using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A real second process: an upload killed mid-way resumes from its checkpoint directory, and two processes cannot
/// drive one checkpoint at once.
/// </summary>
public sealed class ChildProcessTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task KilledUploadResumesAndResendsAtMostTheInFlightParts()
    {
        const int partCount = 20;
        const int concurrency = 2;
        const int fastParts = 8;
        const string key = "killed/child.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(partCount * P, seed: 42);

        // Parts 1-8 go through; later parts wait on the server until their connection closes (the kill).
        var held = new Dictionary<int, OssFault>();
        for (int part = fastParts + 1; part <= partCount; part++)
        {
            held[part] = harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMinutes(5), OssFaultInjector.Always, part);
        }

        using (ChildUploader child = ChildUploader.Start(harness, key, path, concurrency))
        {
            await child.WaitForLineAsync(line => line == "started");

            // Parts 9 and 10 only start when two of parts 1-8 have finished and no other part is left to start
            // before them, so once both have reached the server, parts 1-8 are all stored.
            await child.WaitWhileRunningAsync(Task.WhenAll(held[fastParts + 1].WaitForTriggerAsync(), held[fastParts + 2].WaitForTriggerAsync()));
            await child.KillAsync();
            Assert.DoesNotContain("completed", child.Output, StringComparison.Ordinal);
        }

        harness.Server.Faults.Clear();
        OssStoredUpload interrupted = Assert.Single(harness.Server.GetUploads());
        Assert.Equal(Enumerable.Range(1, fastParts), interrupted.Parts.Select(p => p.PartNumber));
        Assert.Single(harness.CheckpointFiles());
        long[] receivedBeforeResume = Enumerable.Range(1, partCount).Select(p => harness.Server.GetPartBytesReceived(interrupted.UploadId, p)).ToArray();
        var progress = new SyncProgress();

        OssClient client = harness.CreateClient();
        ResumableUploadResult result = await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = key,
            UploadFilePath = path,
            PartSize = P,
            MaxConcurrency = concurrency,
            CheckpointDirectory = harness.CheckpointDirectory,
            Progress = progress,
        });

        Assert.True(result.Resumed);
        Assert.Equal(interrupted.UploadId, result.UploadId);
        Assert.Equal(fastParts * (long)P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);

        // Nothing of parts 1-8 went again; everything beyond the file's length over both runs is re-sent bytes.
        for (int part = 1; part <= fastParts; part++)
        {
            Assert.Equal(receivedBeforeResume[part - 1], harness.Server.GetPartBytesReceived(result.UploadId!, part));
        }

        long sentAgain = harness.Server.GetPartBytesReceived(result.UploadId!) - (partCount * (long)P);
        Assert.InRange(sentAgain, 0, (concurrency + 1) * (long)P);
        Assert.Equal(fastParts * (long)P, progress.Reports[0].TotalBytesSent);
        progress.AssertWellFormed(partCount * (long)P);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task SecondProcessOnTheSameCheckpointGetsCheckpointLocked()
    {
        const string key = "locked/object.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 5);
        OssFault slow = harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMinutes(5), OssFaultInjector.Always);
        OssClient client = harness.CreateClient();
        ResumableUploadRequest request = harness.Request(path, key);

        using (ChildUploader child = ChildUploader.Start(harness, key, path, concurrency: 1))
        {
            // The child takes the lock before its first request, so once a part is on the way it holds it.
            await child.WaitWhileRunningAsync(slow.WaitForTriggerAsync());
            int finishedRequests = harness.Server.Requests.Count;

            OssClientException locked = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(request));

            Assert.Equal(OssClientErrorCode.CheckpointLocked, locked.ErrorCode);
            Assert.Contains(key, locked.Message, StringComparison.Ordinal);
            Assert.Equal(finishedRequests, harness.Server.Requests.Count);
            Assert.False(child.HasExited);
            await child.KillAsync();
        }

        // The OS released the dead child's lock: the same call now resumes the child's upload.
        harness.Server.Faults.Clear();
        string childUploadId = Assert.Single(harness.Server.GetUploads()).UploadId;
        ResumableUploadResult result = await client.ResumableUploadAsync(request);

        Assert.True(result.Resumed);
        Assert.Equal(childUploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }
}
