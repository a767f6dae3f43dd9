namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// A checkpoint store that can hold an exclusive lock on one object's checkpoints, so that two uploads (in one
/// process or in two) never drive the same checkpoint at once. The engine takes the lock before it reads any
/// checkpoint of the object and releases it when the upload ends.
/// </summary>
internal interface ICheckpointLockProvider
{
    /// <summary>Takes the lock without waiting.</summary>
    /// <returns>The lock; dispose it to release.</returns>
    /// <exception cref="OssClientException">Another upload holds it (<see cref="OssClientErrorCode.CheckpointLocked"/>), and only then.</exception>
    /// <exception cref="IOException">The store failed to take it for another reason (a read-only file system, no space, a bad path), named in the message.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to the store's lock is denied.</exception>
    IDisposable AcquireLock(string bucketName, string objectKey);
}
