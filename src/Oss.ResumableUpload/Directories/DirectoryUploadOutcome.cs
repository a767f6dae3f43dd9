namespace Oss.ResumableUpload;

/// <summary>What happened to one file of a directory upload.</summary>
public enum DirectoryUploadOutcome
{
    /// <summary>The file was uploaded (or completed from its checkpoint).</summary>
    Uploaded,

    /// <summary>Nothing was sent: the object already holds the file (<see cref="UploadDirectoryRequest.SkipUnchanged"/>, or a previous run recorded it in the checkpoint directory).</summary>
    Skipped,

    /// <summary>The file's upload failed; <see cref="DirectoryUploadEntry.Error"/> says why.</summary>
    Failed,
}
