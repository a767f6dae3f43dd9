namespace Oss.ResumableUpload;

/// <summary>
/// A progress report of a directory upload. The byte and file counts only grow from one report to the next;
/// <see cref="BytesPerSecond"/> and <see cref="FilesInFlight"/> describe the moment of the report.
/// </summary>
public readonly record struct DirectoryUploadProgress
{
    private readonly IReadOnlyList<string>? _filesInFlight;

    /// <summary>Gets the bytes done so far: sent, resumed from checkpoints, or of files skipped as already uploaded.</summary>
    public long TotalBytesSent { get; init; }

    /// <summary>Gets the total size of the files to upload.</summary>
    public long TotalBytesExpected { get; init; }

    /// <summary>Gets how many files are done: uploaded, skipped or failed.</summary>
    public int FilesCompleted { get; init; }

    /// <summary>Gets how many files the tree has (after the filters).</summary>
    public int TotalFiles { get; init; }

    /// <summary>Gets how many of the completed files failed.</summary>
    public int FilesFailed { get; init; }

    /// <summary>Gets the current upload rate in bytes per second: the bytes sent over about the last 5 seconds of reports, divided by the time they took.</summary>
    /// <value>
    /// Never negative. 0 until half a second has passed since the first report. Only bytes this call sends count: not
    /// the size of a file skipped as already uploaded, nor the parts a resumed upload found on the server. It is
    /// measured when a report is made, and reports are made when something grows, so during a stall the last report
    /// keeps the last rate.
    /// </value>
    public double BytesPerSecond { get; init; }

    /// <summary>Gets the relative paths (with <c>/</c>) of the files being checked or uploaded at the time of the report, largest file first.</summary>
    /// <value>Never null; empty when no file is in flight. At most <see cref="UploadDirectoryRequest.MaxConcurrency"/> entries.</value>
    public IReadOnlyList<string> FilesInFlight
    {
        get => _filesInFlight ?? [];
        init => _filesInFlight = value;
    }
}
