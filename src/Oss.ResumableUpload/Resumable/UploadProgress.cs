namespace Oss.ResumableUpload;

/// <summary>A progress report of a resumable upload.</summary>
public readonly record struct UploadProgress
{
    /// <summary>Gets the bytes added since the previous report (for the first report: <see cref="TotalBytesSent"/>).</summary>
    public long BytesSent { get; init; }

    /// <summary>Gets the bytes sent so far, including parts restored from a checkpoint. It never decreases.</summary>
    public long TotalBytesSent { get; init; }

    /// <summary>Gets the file's length.</summary>
    public long TotalBytesExpected { get; init; }

    /// <summary>Gets how many parts are complete, including resumed ones.</summary>
    public int PartsCompleted { get; init; }

    /// <summary>Gets the number of parts in the upload.</summary>
    public int TotalParts { get; init; }

    /// <summary>Gets how many bytes were already on the server when this call started.</summary>
    public long ResumedBytes { get; init; }
}
