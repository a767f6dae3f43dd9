namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>A synchronous progress sink (unlike Progress&lt;T&gt;, which posts and may reorder).</summary>
internal sealed class RecordingProgress : IProgress<UploadProgress>
{
    private readonly List<UploadProgress> _reports = [];

    public IReadOnlyList<UploadProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(UploadProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
