using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Directories;

namespace Oss.ResumableUpload.Tests.Directories;

/// <summary>The tree's progress: the current rate over a sliding window on an injected clock, and the files in flight.</summary>
public sealed class DirectoryProgressTrackerTests
{
    private const long MiB = 1 << 20;
    private readonly FakeTimeProvider _clock = new();
    private readonly List<DirectoryUploadProgress> _reports = [];

    [Fact]
    public void TheRateStartsAtZeroAndIsTheBytesSentOverTheTimeTheyTook()
    {
        DirectoryProgressTracker tracker = Create([100 * MiB]);
        tracker.ReportInitial();
        tracker.OnFileStarted(0);
        IProgress<UploadProgress> file = tracker.ForFile(0)!;

        file.Report(Single(0));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        file.Report(Single(MiB));
        double early = _reports[^1].BytesPerSecond;
        _clock.Advance(TimeSpan.FromMilliseconds(800));
        file.Report(Single(4 * MiB));

        Assert.Equal(0, _reports[0].BytesPerSecond);
        Assert.Equal(0, early);
        Assert.Equal(4.0 * MiB, _reports[^1].BytesPerSecond, precision: 3);
    }

    [Fact]
    public void TheRateFollowsTheLastSecondsNotTheAverageSinceTheStart()
    {
        DirectoryProgressTracker tracker = Create([1000 * MiB]);
        tracker.ReportInitial();
        IProgress<UploadProgress> file = tracker.ForFile(0)!;
        long sent = 0;

        // 20 s at 1 MiB/s, then 10 s at 10 MiB/s, reported every 250 ms.
        for (int tick = 0; tick < 120; tick++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            sent += tick < 80 ? MiB / 4 : 10 * MiB / 4;
            file.Report(Single(sent));
        }

        double rate = _reports[^1].BytesPerSecond;
        Assert.InRange(rate, 9.5 * MiB, 10.0 * MiB);
        Assert.All(_reports, r => Assert.True(r.BytesPerSecond >= 0));
    }

    [Fact]
    public void SkippedFilesAndResumedPartsAreNotPartOfTheRate()
    {
        DirectoryProgressTracker tracker = Create([50 * MiB, 40 * MiB]);
        tracker.ReportInitial();
        _clock.Advance(TimeSpan.FromSeconds(1));
        tracker.OnFileStarted(0);
        tracker.OnFileDone(0, 50 * MiB, DirectoryUploadOutcome.Skipped);
        tracker.OnFileStarted(1);
        IProgress<UploadProgress> resumed = tracker.ForFile(1)!;
        resumed.Report(new UploadProgress { TotalBytesSent = 30 * MiB, TotalBytesExpected = 40 * MiB, PartsCompleted = 30, TotalParts = 40, ResumedBytes = 30 * MiB });
        Assert.Equal(80 * MiB, _reports[^1].TotalBytesSent);
        Assert.Equal(0, _reports[^1].BytesPerSecond);

        _clock.Advance(TimeSpan.FromSeconds(1));
        resumed.Report(new UploadProgress { TotalBytesSent = 32 * MiB, TotalBytesExpected = 40 * MiB, PartsCompleted = 32, TotalParts = 40, ResumedBytes = 30 * MiB });

        // 2 MiB sent in the 2 s since the first report.
        Assert.Equal(1.0 * MiB, _reports[^1].BytesPerSecond, precision: 3);
    }

    [Fact]
    public void FilesInFlightAreListedLargestFirstUntilTheyAreDone()
    {
        DirectoryProgressTracker tracker = Create([10, 3000, 200]);
        tracker.ReportInitial();
        Assert.Empty(_reports[0].FilesInFlight);

        tracker.OnFileStarted(0);
        tracker.OnFileStarted(1);
        tracker.OnFileStarted(2);
        tracker.ForFile(2)!.Report(Single(100));
        Assert.Equal(["f1.bin", "f2.bin", "f0.bin"], _reports[^1].FilesInFlight);

        tracker.OnFileDone(1, 3000, DirectoryUploadOutcome.Failed);
        Assert.Equal(["f2.bin", "f0.bin"], _reports[^1].FilesInFlight);
        tracker.OnFileDone(0, 10, DirectoryUploadOutcome.Uploaded);
        tracker.OnFileDone(2, 200, DirectoryUploadOutcome.Uploaded);

        DirectoryUploadProgress last = _reports[^1];
        Assert.Empty(last.FilesInFlight);
        Assert.Equal(3, last.FilesCompleted);
        Assert.Equal(1, last.FilesFailed);
        Assert.Empty(default(DirectoryUploadProgress).FilesInFlight);
    }

    private DirectoryProgressTracker Create(long[] sizes)
    {
        LocalTreeFile[] files = [.. sizes.Select((size, i) => new LocalTreeFile("/t/f" + i + ".bin", "f" + i + ".bin", size, DateTime.UnixEpoch))];
        return new DirectoryProgressTracker(new Sink(_reports), files, _clock, TimeSpan.Zero);
    }

    private static UploadProgress Single(long sent) => new() { TotalBytesSent = sent, TotalBytesExpected = -1, TotalParts = 1 };

    private sealed class Sink(List<DirectoryUploadProgress> reports) : IProgress<DirectoryUploadProgress>
    {
        public void Report(DirectoryUploadProgress value) => reports.Add(value);
    }
}
