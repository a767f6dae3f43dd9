using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The fault and assertion examples of docs/testing-with-oss-test-server.md, compiled (not run: the test server's own tests cover each fault).</summary>
internal static class TestingSnippets
{
    public static async Task InjectFaultsAsync(OssTestServer server, string uploadId)
    {
        // <snippet:testing-faults>
        // The next two attempts at part 3 get 503; the third goes through.
        server.Faults.FailNext(OssOperationKind.UploadPart, count: 2, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: 3);

        // Break the connection after 1 MiB of a part's body has arrived (or, without afterBodyBytes, instead of replying).
        server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 1024 * 1024);

        // Slow down, drop answers, lie about checksums.
        server.Faults.Delay(OssOperationKind.ListParts, TimeSpan.FromSeconds(2));
        server.Faults.CompleteThenDropConnection();            // the object exists, the retry gets NoSuchUpload
        server.Faults.CorruptCrc64(OssOperationKind.CompleteMultipartUpload);
        server.Faults.CorruptETag(OssOperationKind.UploadPart, partNumber: 1);
        server.Faults.RequestTimeTooSkewedOnce();
        server.Faults.SecurityTokenExpiredOnce();

        // Hold part 2 in flight, with no timing: cancel the upload now, or let it go.
        OssFault hold = server.Faults.Hold(OssOperationKind.UploadPart, partNumber: 2);
        await hold.WaitForTriggerAsync();
        hold.Release();

        // Delete an unfinished upload as a lifecycle rule would: later calls get NoSuchUpload.
        server.Faults.DropUpload(uploadId);
        // </snippet>
    }

    public static async Task ResumeSendsNothingAgainAsync(OssTestServer server, OssClient client, string uploadId, ResumableUploadRequest requestWithTheSameCheckpoint)
    {
        // <snippet:testing-resume-bytes>
        // Prove that resuming did not send part 1 again.
        long before = server.GetPartBytesReceived(uploadId, 1);
        await client.ResumableUploadAsync(requestWithTheSameCheckpoint);
        Assert.Equal(before, server.GetPartBytesReceived(uploadId, 1));
        // </snippet>
    }
}
