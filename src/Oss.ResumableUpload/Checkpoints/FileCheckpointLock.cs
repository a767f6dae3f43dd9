using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The OS lock of one object in a <see cref="FileCheckpointStore"/> directory: <c>{object hash}.lock</c> opened with
/// <see cref="FileShare.None"/>, which is <c>flock(LOCK_EX | LOCK_NB)</c> on Unix and a sharing lock on Windows.
/// </summary>
internal sealed class FileCheckpointLock : IDisposable
{
    // Lock paths held by this process; makes in-process contention certain even where the OS lock is advisory.
    private static readonly ConcurrentDictionary<string, byte> s_held = new(StringComparer.Ordinal);

    private readonly FileStream _stream;
    private int _released;

    private FileCheckpointLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>Gets the lock file's path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock without waiting.</summary>
    /// <exception cref="OssClientException">Another upload holds it (<see cref="OssClientErrorCode.CheckpointLocked"/>).</exception>
    /// <exception cref="IOException">The lock file cannot be opened or created, for a reason other than another holder.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to open or create the lock file is denied.</exception>
    public static FileCheckpointLock Acquire(string path, string bucketName, string objectKey, UnixFileMode createMode)
    {
        if (!s_held.TryAdd(path, 0))
        {
            throw CheckpointLockError.Create(bucketName, objectKey, path);
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = createMode;
            }

            try
            {
                return new FileCheckpointLock(new FileStream(path, options), path);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                throw CheckpointLockError.Create(bucketName, objectKey, path, ex);
            }
        }
        catch
        {
            s_held.TryRemove(path, out _);
            throw;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _stream.Dispose();
            s_held.TryRemove(Path, out _);
        }
    }

    /// <summary>
    /// Whether an open failed only because another handle holds the lock: EWOULDBLOCK from <c>flock</c> on Unix
    /// (.NET puts the errno in the HResult), a sharing or lock violation on Windows. Every other error (read-only
    /// file system, no space or inodes, permission denied, a symbolic-link loop) is reported as what it is.
    /// </summary>
    private static bool IsHeldElsewhere(IOException exception)
    {
        const int ErrorSharingViolation = unchecked((int)0x80070020);
        const int ErrorLockViolation = unchecked((int)0x80070021);
        if (OperatingSystem.IsWindows())
        {
            return exception.HResult is ErrorSharingViolation or ErrorLockViolation;
        }

        int wouldBlock = OperatingSystem.IsLinux() ? 11 : 35; // EWOULDBLOCK == EAGAIN: 11 on Linux, 35 on macOS and the BSDs.
        return exception.HResult == wouldBlock && exception.GetType() == typeof(IOException);
    }
}
