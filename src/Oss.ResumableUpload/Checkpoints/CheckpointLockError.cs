namespace Oss.ResumableUpload.Checkpoints;

/// <summary>Builds the error raised when another upload holds a checkpoint lock.</summary>
internal static class CheckpointLockError
{
    public static OssClientException Create(string bucketName, string objectKey, string where, Exception? innerException = null)
        => new(
            OssClientErrorCode.CheckpointLocked,
            $"Another upload of oss://{bucketName}/{objectKey} is running with the same checkpoint store ({where}), in this process or another. "
            + "Wait for it to finish, cancel it, or use a different checkpoint directory.",
            innerException);
}
