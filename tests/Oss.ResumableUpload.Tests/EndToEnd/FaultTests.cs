using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Every fault <see cref="OssFaultInjector"/> can inject, through the resumable engine.</summary>
public sealed class FaultTests
{
    private const int P = EndToEndHarness.PartSize;
    private const string Key = "faults/object.bin";

    [Theory]
    [InlineData(500, "InternalError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task ServerErrorsOnAPartAreRetried(int status, string code)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 41);
        OssFault fault = harness.Server.Faults.FailNext(OssOperationKind.UploadPart, count: 2, status, code, partNumber: 2);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(2, fault.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal([status, status, 200], harness.Server.Requests.Of(OssOperationKind.UploadPart).Where(r => r.PartNumber == 2).Select(r => r.StatusCode));
        Assert.Equal(7, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Fact]
    public async Task ServerErrorsOnInitiateListPartsAndCompleteAreRetried()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 42);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, Key, cancelAtPart: 3);
        harness.Server.Faults.FailNext(OssOperationKind.ListParts, statusCode: 503, errorCode: "ServiceUnavailable");
        harness.Server.Faults.FailNext(OssOperationKind.CompleteMultipartUpload, statusCode: 500);

        ResumableUploadResult resumed = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(uploadId, resumed.UploadId);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), resumed);
        Assert.Equal([503, 200], harness.Server.Requests.Of(OssOperationKind.ListParts).Select(r => r.StatusCode));
        Assert.Equal([500, 200], harness.Server.Requests.Of(OssOperationKind.CompleteMultipartUpload).Select(r => r.StatusCode));

        harness.Server.Faults.FailNext(OssOperationKind.InitiateMultipartUpload, statusCode: 503, errorCode: "ServiceUnavailable");
        ResumableUploadResult fresh = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, "faults/other.bin"));
        await harness.AssertStoredAsync("faults/other.bin", File.ReadAllBytes(path), fresh);
        Assert.Equal([200, 503, 200], harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task AConnectionResetMidPartIsRetriedAndProgressNeverGoesBack()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(6 * P, seed: 43);
        OssFault resetTwo = harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, count: 2, afterBodyBytes: 60_000, partNumber: 2);
        OssFault resetFive = harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 1, partNumber: 5);
        var progress = new SyncProgress();

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key, progress: progress));

        Assert.Equal(2, resetTwo.TimesTriggered);
        Assert.Equal(1, resetFive.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(2, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count(r => r.PartNumber == 2 && r.ConnectionAborted));
        Assert.InRange(harness.Server.GetPartBytesReceived(result.UploadId!, 2), P + (2 * 60_000), 3L * P);
        progress.AssertWellFormed(6L * P);
    }

    [Fact]
    public async Task AConnectionResetInsteadOfTheReplyIsRetried()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 44);
        harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, partNumber: 3);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(2L * P, harness.Server.GetPartBytesReceived(result.UploadId!, 3));
    }

    [Fact]
    public async Task DelayedRequestsStillSucceed()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 45);
        OssFault delay = harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(100), count: 3);
        harness.Server.Faults.Delay(OssOperationKind.CompleteMultipartUpload, TimeSpan.FromMilliseconds(100));

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(3, delay.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.All(harness.Server.Requests.Of(OssOperationKind.UploadPart), r => Assert.Contains(OssFaultKind.Delay, r.Faults));
        Assert.Contains(OssFaultKind.Delay, Assert.Single(harness.Server.Requests.Of(OssOperationKind.CompleteMultipartUpload)).Faults);
    }

    [Fact]
    public async Task ADroppedPartReplyIsRetriedAndThePartSentTwice()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 46);
        OssFault drop = harness.Server.Faults.DropResponse(OssOperationKind.UploadPart, partNumber: 2);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(1, drop.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(2L * P, harness.Server.GetPartBytesReceived(result.UploadId!, 2));
        Assert.Equal(P, harness.Server.GetPartBytesReceived(result.UploadId!, 1));
    }

    [Fact]
    public async Task ALostCompleteReplyIsRecognisedAsSuccessThroughHeadObject()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 47);
        OssFault lost = harness.Server.Faults.CompleteThenDropConnection();

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(1, lost.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        IReadOnlyList<OssRequestRecord> completes = harness.Server.Requests.Of(OssOperationKind.CompleteMultipartUpload);
        Assert.Equal(2, completes.Count);
        Assert.True(completes[0].ConnectionAborted);
        Assert.Equal("NoSuchUpload", completes[1].ErrorCode);
        Assert.Equal(200, Assert.Single(harness.Server.Requests.Of(OssOperationKind.HeadObject)).StatusCode);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AWrongObjectCrc64OnCompleteIsChecksumMismatch()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 48);
        harness.Server.Faults.CorruptCrc64(OssOperationKind.CompleteMultipartUpload);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key)));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
        Assert.Contains("CRC-64", error.Message, StringComparison.Ordinal);

        // The server did complete; the upload id is spent, so its checkpoint is gone.
        Assert.NotNull(harness.Server.GetObject(EndToEndHarness.Bucket, Key));
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AWrongPartETagIsChecksumMismatchAndTheResumeVerifiesThePartInsteadOfResendingIt()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 49);
        harness.Server.Faults.CorruptETag(OssOperationKind.UploadPart, partNumber: 2);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key, concurrency: 1)));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
        Assert.Contains("part 2", error.Message, StringComparison.Ordinal);
        OssStoredUpload kept = Assert.Single(harness.Server.GetUploads());
        Assert.Single(harness.CheckpointFiles());

        // The part the server really stored has the right MD5, so the resume adopts it.
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(kept.UploadId, result.UploadId);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(P, harness.Server.GetPartBytesReceived(kept.UploadId, 2));
    }

    [Fact]
    public async Task AWrongPartCrc64IsChecksumMismatch()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 50);
        harness.Server.Faults.CorruptCrc64(OssOperationKind.UploadPart, partNumber: 1);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key)));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, Key));
    }

    [Fact]
    public async Task AWrongCrc64OnASinglePutIsChecksumMismatch()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(P / 3, seed: 51);
        harness.Server.Faults.CorruptCrc64(OssOperationKind.PutObject);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key)));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
    }

    [Fact]
    public async Task CorruptETagsInListPartsMakeTheResumeSendThosePartsAgain()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 52);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, Key, cancelAtPart: 4);
        harness.Server.Faults.CorruptETag(OssOperationKind.ListParts);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        // Parts whose listed ETag does not match are never trusted: all five went up in this run.
        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(0, result.ResumedBytes);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(2L * P, harness.Server.GetPartBytesReceived(uploadId, 1));
    }

    [Fact]
    public async Task RequestTimeTooSkewedIsRetried()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 53);
        OssFault skew = harness.Server.Faults.RequestTimeTooSkewedOnce(OssOperationKind.UploadPart);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, Key));

        Assert.Equal(1, skew.TimesTriggered);
        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        OssRequestRecord refused = Assert.Single(harness.Server.Requests, r => r.StatusCode == 403);
        Assert.Equal("RequestTimeTooSkewed", refused.ErrorCode);
    }
}
