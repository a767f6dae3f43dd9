using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class ProgressTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Reports_bytes_while_a_part_is_sent_and_counts_a_retry_once()
    {
        long length = (6 * Part) + 777;
        string path = _h.Files.Create((int)length);
        _h.Fake.RetryOnceParts.UnionWith([2, 5]);
        _h.Fake.OnChunkReceived = () => _h.Time.Advance(TimeSpan.FromMilliseconds(150));
        var progress = new RecordingProgress();

        await _h.CreateUploader().UploadAsync(WithProgress(_h.Request(path, concurrency: 1), progress), CancellationToken.None);

        IReadOnlyList<UploadProgress> reports = progress.Reports;
        AssertAscendingAndConsistent(reports, length);

        // Byte level: reports fall inside parts (the aborted first attempts reached half of parts 2 and 5).
        Assert.Contains(reports, p => p.TotalBytesSent == Part + (Part / 2));
        Assert.Contains(reports, p => p.TotalBytesSent % Part != 0 && p.TotalBytesSent != length);
    }

    [Fact]
    public async Task Parallel_parts_and_retries_never_make_progress_go_backwards()
    {
        long length = (12 * Part) + 777;
        string path = _h.Files.Create((int)length);
        _h.Fake.RetryOnceParts.UnionWith([2, 5, 9]);
        _h.Fake.OnChunkReceived = () => _h.Time.Advance(TimeSpan.FromMilliseconds(60));
        var progress = new RecordingProgress();

        await _h.CreateUploader().UploadAsync(WithProgress(_h.Request(path, concurrency: 4), progress), CancellationToken.None);

        AssertAscendingAndConsistent(progress.Reports, length);
    }

    [Fact]
    public async Task A_single_put_reports_zero_then_the_length()
    {
        string path = _h.Files.Create(5000);
        var progress = new RecordingProgress();
        var request = new ResumableUploadRequest { BucketName = EngineHarness.Bucket, ObjectKey = "k", UploadFilePath = path, Progress = progress };

        await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        Assert.Equal(0, progress.Reports[0].TotalBytesSent);
        Assert.Equal(5000, progress.Reports[^1].TotalBytesSent);
    }

    [Fact]
    public void Concurrent_reporters_produce_ascending_totals()
    {
        var time = new FakeTimeProvider();
        var progress = new RecordingProgress();
        const int parts = 64;
        var aggregator = new ProgressAggregator(progress, parts * 1000L, parts, time, TimeSpan.Zero);
        aggregator.ReportInitial();

        Parallel.For(1, parts + 1, part =>
        {
            for (int sent = 100; sent <= 1000; sent += 100)
            {
                aggregator.OnBytesSent(part, sent);
                aggregator.OnBytesSent(part, sent / 2);
            }

            aggregator.OnPartCompleted(part, 1000);
        });
        aggregator.ReportFinal();

        IReadOnlyList<UploadProgress> reports = progress.Reports;
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].TotalBytesSent >= reports[i - 1].TotalBytesSent);
        }

        Assert.Equal(parts * 1000L, reports[^1].TotalBytesSent);
        Assert.Equal(parts * 1000L, reports.Sum(r => r.BytesSent));
        Assert.Equal(parts, reports[^1].PartsCompleted);
    }

    [Fact]
    public void Throttles_reports_by_the_time_provider()
    {
        var time = new FakeTimeProvider();
        var progress = new RecordingProgress();
        var aggregator = new ProgressAggregator(progress, 1000, 1, time, TimeSpan.FromMilliseconds(100));
        aggregator.ReportInitial();

        for (int sent = 1; sent <= 500; sent++)
        {
            aggregator.OnBytesSent(1, sent);
        }

        Assert.Single(progress.Reports);
        time.Advance(TimeSpan.FromMilliseconds(100));
        aggregator.OnBytesSent(1, 501);
        Assert.Equal(2, progress.Reports.Count);
        Assert.Equal(501, progress.Reports[^1].TotalBytesSent);
    }

    private static void AssertAscendingAndConsistent(IReadOnlyList<UploadProgress> reports, long length)
    {
        Assert.True(reports.Count > 2, $"only {reports.Count} reports");
        long previous = 0;
        foreach (UploadProgress report in reports)
        {
            Assert.True(report.TotalBytesSent >= previous, "progress went backwards");
            Assert.Equal(report.TotalBytesSent - previous, report.BytesSent);
            Assert.Equal(length, report.TotalBytesExpected);
            previous = report.TotalBytesSent;
        }

        UploadProgress last = reports[^1];
        Assert.Equal(length, last.TotalBytesSent);
        Assert.Equal(last.TotalParts, last.PartsCompleted);
    }

    private static ResumableUploadRequest WithProgress(ResumableUploadRequest r, IProgress<UploadProgress> progress) => new()
    {
        BucketName = r.BucketName,
        ObjectKey = r.ObjectKey,
        UploadFilePath = r.UploadFilePath,
        PartSize = r.PartSize,
        MaxConcurrency = r.MaxConcurrency,
        Progress = progress,
    };
}
