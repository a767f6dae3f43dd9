using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>The documented progress properties over real HTTP, with a synchronous <see cref="IProgress{T}"/>.</summary>
public sealed class ProgressTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task ParallelPartsWithRetriesReportAscendingDeltasEndingAtTheLength()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((12 * P) + 99, seed: 61);
        harness.Server.Faults.Delay(OssOperationKind.UploadPart, TimeSpan.FromMilliseconds(20), count: OssFaultInjector.Always);
        harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 80_000, partNumber: 3);
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: 7);
        var progress = new SyncProgress();
        ResumableUploadRequest request = harness.Request(path, "progress/parallel.bin", concurrency: 4, progress: progress);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(request);

        await harness.AssertStoredAsync("progress/parallel.bin", File.ReadAllBytes(path), result);
        progress.AssertWellFormed((12 * P) + 99);
        IReadOnlyList<UploadProgress> reports = progress.Reports;
        Assert.Equal(0, reports[0].TotalBytesSent);
        Assert.All(reports, r => Assert.Equal(13, r.TotalParts));
        Assert.All(reports, r => Assert.Equal(0, r.ResumedBytes));
        Assert.Equal(13, reports[^1].PartsCompleted);
    }

    [Fact]
    public async Task TheFirstReportOfAResumeAlreadyCountsTheResumedBytes()
    {
        const string key = "progress/resumed.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(7 * P, seed: 62);
        var interrupted = new SyncProgress();
        await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 4, progress: interrupted);
        Assert.All(interrupted.Reports, r => Assert.InRange(r.TotalBytesSent, 0, 3L * P));
        var resumed = new SyncProgress();

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, progress: resumed));

        Assert.Equal(3L * P, result.ResumedBytes);
        UploadProgress first = resumed.Reports[0];
        Assert.Equal(3L * P, first.TotalBytesSent);
        Assert.Equal(3L * P, first.BytesSent);
        Assert.Equal(3L * P, first.ResumedBytes);
        Assert.Equal(3, first.PartsCompleted);
        resumed.AssertWellFormed(7L * P);
        Assert.All(resumed.Reports, r => Assert.Equal(3L * P, r.ResumedBytes));
    }
}
