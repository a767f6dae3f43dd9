namespace Oss.ResumableUpload;

/// <summary>The outcome of <see cref="OssClient.UploadDirectoryAsync"/>: every file the filters selected.</summary>
public sealed class DirectoryUploadResult
{
    /// <summary>Gets every selected file with its outcome, in ordinal order of <see cref="DirectoryUploadEntry.RelativePath"/>.</summary>
    public required IReadOnlyList<DirectoryUploadEntry> Files { get; init; }

    /// <summary>Gets a value indicating whether every file was uploaded or skipped.</summary>
    public bool Succeeded => Files.All(f => f.Outcome != DirectoryUploadOutcome.Failed);
}
