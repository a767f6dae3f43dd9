namespace Oss.ResumableUpload;

/// <summary>A progress report of a resumable upload.</summary>
public readonly record struct UploadProgress
{
    /// <summary>Gets the bytes added since the previous report (for the first report: <see cref="TotalBytesSent"/>).</summary>
    public long BytesSent { get; init; }

    /// <summary>Gets the bytes sent so far, including parts restored from a checkpoint. It never decreases.</summary>
    public long TotalBytesSent { get; init; }

    /// <summary>Gets the length of the file or stream; -1 while the length of a non-seekable stream is unknown (then <see cref="IsTotalKnown"/> is false).</summary>
    public long TotalBytesExpected { get; init; }

    /// <summary>Gets a value indicating whether <see cref="TotalBytesExpected"/> and <see cref="TotalParts"/> are known: always for a file or a seekable stream; for a non-seekable stream only once its end has been read (the last report).</summary>
    public bool IsTotalKnown { get; init; }

    /// <summary>Gets how many parts are complete, including resumed ones.</summary>
    public int PartsCompleted { get; init; }

    /// <summary>Gets the number of parts in the upload; 0 while a non-seekable stream's length is unknown.</summary>
    public int TotalParts { get; init; }

    /// <summary>Gets how many bytes were already on the server when this call started.</summary>
    public long ResumedBytes { get; init; }
}
