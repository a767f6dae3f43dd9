using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A real child process killed (SIGKILL) at the finish line: while the server holds its CompleteMultipartUpload, and
/// after the server has completed the upload but before the reply reaches the child. The next call must succeed with
/// the file's exact bytes, send no part again, and leave nothing behind on the server or in the checkpoint directory.
/// </summary>
public sealed class FinishLineKillTests
{
    private const int P = EndToEndHarness.PartSize;
    private const int PartCount = 12;

    [Fact]
    public async Task KillWhileTheServerHoldsCompleteResumesWithoutSendingAPart()
    {
        const string key = "finish/held-complete.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(PartCount * P, seed: 81);
        OssFault held = harness.Server.Faults.Hold(OssOperationKind.CompleteMultipartUpload);

        await RunChildUntilAsync(harness, key, path, held.WaitForTriggerAsync());

        // The held request's connection is gone: the server never performs that Complete.
        held.Release();
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        await AssertNextCallFinishesAsync(harness, key, path);
    }

    [Fact]
    public async Task KillAfterTheServerCompletedButBeforeTheReplyArrivedSucceedsWithoutReupload()
    {
        const string key = "finish/lost-reply.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(PartCount * P, seed: 82);
        OssFault heldReply = harness.Server.Faults.HoldResponse(OssOperationKind.CompleteMultipartUpload);

        await RunChildUntilAsync(harness, key, path, WaitForObjectAsync(harness, key, heldReply));

        heldReply.Release();
        Assert.Empty(harness.Server.GetUploads());
        Assert.NotEmpty(harness.CheckpointFiles());
        await AssertNextCallFinishesAsync(harness, key, path);
    }

    [Fact]
    public async Task ObjectReplacedAfterTheLostReplyIsNotReportedAsSuccess()
    {
        const string key = "finish/replaced.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(PartCount * P, seed: 83);
        OssFault heldReply = harness.Server.Faults.HoldResponse(OssOperationKind.CompleteMultipartUpload);
        await RunChildUntilAsync(harness, key, path, WaitForObjectAsync(harness, key, heldReply));
        heldReply.Release();

        // Someone else stores other bytes of the same length under the key before the next call.
        OssClient client = harness.CreateClient();
        byte[] other = EndToEndHarness.Content(PartCount * P, seed: 84);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = key, Content = new MemoryStream(other) });

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, key)));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        byte[] stored = await harness.Server.ReadObjectAsync(EndToEndHarness.Bucket, key);
        Assert.True(other.AsSpan().SequenceEqual(stored));
        Assert.Empty(harness.CheckpointDirectoryEntries());
    }

    private static async Task RunChildUntilAsync(EndToEndHarness harness, string key, string path, Task moment)
    {
        using ChildUploader child = ChildUploader.Start(harness, key, path, concurrency: 2);
        await child.WaitWhileRunningAsync(moment);
        await child.KillAsync();
        Assert.DoesNotContain("completed", child.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForObjectAsync(EndToEndHarness harness, string key, OssFault heldReply)
    {
        await heldReply.WaitForTriggerAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (harness.Server.GetObject(EndToEndHarness.Bucket, key) is null)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private static async Task AssertNextCallFinishesAsync(EndToEndHarness harness, string key, string path)
    {
        int before = harness.Server.Requests.Count;
        OssClient client = harness.CreateClient();
        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(PartCount * (long)P, result.ResumedBytes);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        OssRequestRecord[] resumed = harness.Server.Requests.Snapshot().Skip(before).ToArray();
        Assert.DoesNotContain(resumed, r => r.Operation == OssOperationKind.UploadPart);
        Assert.DoesNotContain(resumed, r => r.Operation == OssOperationKind.InitiateMultipartUpload);
        Assert.Empty(harness.CheckpointDirectoryEntries());
    }
}
