using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A cancel while InitiateMultipartUpload is in flight, without a checkpoint store: the server may create the upload
/// after the caller gave up, and no intent on disk names it. The library must not leave it behind.
/// </summary>
public sealed class InitiateCancelTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task ACancelWhileTheInitiateReplyIsInFlightLeavesNoUploadOnTheServer()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 91);
        OssFault heldReply = harness.Server.Faults.HoldResponse(OssOperationKind.InitiateMultipartUpload);
        OssClient client = harness.CreateClient();
        using var cancel = new CancellationTokenSource();

        Task upload = client.ResumableUploadAsync(harness.Request(path, "cancel/initiate.bin", checkpoint: false), cancel.Token);

        // The server has created the upload and holds its reply.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (harness.Server.GetUploads(EndToEndHarness.Bucket).Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the server never received the Initiate");
            await Task.Delay(5);
        }

        cancel.Cancel();
        await Task.Delay(100);
        heldReply.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Empty(harness.Server.GetUploads(EndToEndHarness.Bucket));
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.UploadPart));
    }
}
