namespace Oss.ResumableUpload;

/// <summary>One file of a directory upload and its outcome.</summary>
public sealed class DirectoryUploadEntry
{
    /// <summary>Gets the file's path relative to the directory, with <c>/</c> between names.</summary>
    public required string RelativePath { get; init; }

    /// <summary>Gets the object key: the key prefix followed by <see cref="RelativePath"/>.</summary>
    public required string ObjectKey { get; init; }

    /// <summary>Gets what happened to the file.</summary>
    public required DirectoryUploadOutcome Outcome { get; init; }

    /// <summary>Gets the file's size in bytes when it was enumerated.</summary>
    public long Size { get; init; }

    /// <summary>Gets why the file failed; null unless <see cref="Outcome"/> is <see cref="DirectoryUploadOutcome.Failed"/>.</summary>
    public Exception? Error { get; init; }

    /// <summary>Gets the upload's result; null unless <see cref="Outcome"/> is <see cref="DirectoryUploadOutcome.Uploaded"/>.</summary>
    public ResumableUploadResult? Result { get; init; }
}
