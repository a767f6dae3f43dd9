namespace Oss.ResumableUpload;

/// <summary>A progress report of a directory upload. Every value only grows from one report to the next.</summary>
public readonly record struct DirectoryUploadProgress
{
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
}
