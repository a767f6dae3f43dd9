namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A synchronous progress sink (Progress&lt;T&gt; posts to the thread pool and may reorder), with an optional action run
/// inside each report.
/// </summary>
internal sealed class SyncProgress(Action<UploadProgress>? onReport = null) : IProgress<UploadProgress>
{
    private readonly List<UploadProgress> _reports = [];

    public IReadOnlyList<UploadProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToArray();
            }
        }
    }

    public void Report(UploadProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }

    /// <summary>Asserts the documented properties: ascending totals, BytesSent is the delta, the last report is the whole file.</summary>
    public void AssertWellFormed(long length)
    {
        IReadOnlyList<UploadProgress> reports = Reports;
        Assert.NotEmpty(reports);
        long previous = 0;
        int previousParts = 0;
        for (int i = 0; i < reports.Count; i++)
        {
            UploadProgress report = reports[i];
            Assert.True(report.TotalBytesSent >= previous, $"Report {i} went back from {previous} to {report.TotalBytesSent}.");
            Assert.Equal(report.TotalBytesSent - previous, report.BytesSent);
            Assert.Equal(length, report.TotalBytesExpected);
            Assert.InRange(report.TotalBytesSent, 0, length);
            Assert.True(report.PartsCompleted >= previousParts, $"Report {i} went back from {previousParts} to {report.PartsCompleted} parts.");
            previous = report.TotalBytesSent;
            previousParts = report.PartsCompleted;
        }

        Assert.Equal(length, reports[^1].TotalBytesSent);
        Assert.Equal(reports[^1].TotalParts, reports[^1].PartsCompleted);
    }
}
