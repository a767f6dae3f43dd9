using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The OS lock of one object in a <see cref="FileCheckpointStore"/> directory: <c>{object hash}.lock</c> opened with
/// <see cref="FileShare.None"/>, which is <c>flock(LOCK_EX | LOCK_NB)</c> on Unix and a sharing lock on Windows.
/// The file exists only while the lock is held.
/// </summary>
/// <remarks>
/// <para>
/// Removing a lock file is what makes locking hard: process B may open the file just before holder A unlinks it, and
/// lock it just after A closes it. B then holds a lock on a file nobody else can reach, while C creates a new file
/// under the same name and locks that one: two holders. So on Linux, after the lock is taken, the holder checks that
/// the name still refers to the file it locked (same device and inode from <c>statx</c> of the handle and of the
/// path); if not, it closes the handle and starts again. Once that check passes, the name stays on that file until
/// the holder itself unlinks it, which it does while it still holds the lock, and only then closes the handle.
/// Anyone who opened the old file before the unlink fails the check and retries on the new name.
/// </para>
/// <para>
/// On Windows the file is opened with <see cref="FileOptions.DeleteOnClose"/>: it cannot be deleted or replaced
/// while the handle is open without sharing, and goes when the holder closes it. Elsewhere (macOS, the BSDs, or
/// Linux without <c>statx</c>) the check is not available, so the lock file is left in place, as before: a file
/// that is never unlinked cannot be locked twice.
/// </para>
/// </remarks>
internal sealed class FileCheckpointLock : IDisposable
{
    // Each failed check means another holder released in between; after this many, report contention.
    private const int MaxAttempts = 100;

    // Lock paths held by this process; makes in-process contention certain even where the OS lock is advisory.
    private static readonly ConcurrentDictionary<string, byte> s_held = new(StringComparer.Ordinal);

    private readonly FileStream _stream;
    private readonly bool _unlinkOnRelease;
    private readonly Action? _beforeRelease;
    private int _released;

    private FileCheckpointLock(FileStream stream, string path, bool unlinkOnRelease, Action? beforeRelease)
    {
        _stream = stream;
        _unlinkOnRelease = unlinkOnRelease;
        _beforeRelease = beforeRelease;
        Path = path;
    }

    /// <summary>Gets a value indicating whether releasing a lock removes its file (Windows, and Linux with <c>statx</c>).</summary>
    public static bool RemovesFileOnRelease => OperatingSystem.IsWindows() || UnixFileStatus.IsSupported;

    /// <summary>Gets the lock file's path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock without waiting.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="bucketName">The bucket, for the error message.</param>
    /// <param name="objectKey">The object key, for the error message.</param>
    /// <param name="createMode">The Unix mode of a new lock file.</param>
    /// <param name="beforeRelease">Runs on release while the lock is still held; it must not throw.</param>
    /// <exception cref="OssClientException">Another upload holds it (<see cref="OssClientErrorCode.CheckpointLocked"/>).</exception>
    /// <exception cref="IOException">The lock file cannot be opened or created, for a reason other than another holder.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to open or create the lock file is denied.</exception>
    public static FileCheckpointLock Acquire(string path, string bucketName, string objectKey, UnixFileMode createMode, Action? beforeRelease = null)
    {
        if (!s_held.TryAdd(path, 0))
        {
            throw CheckpointLockError.Create(bucketName, objectKey, path);
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (OperatingSystem.IsWindows())
            {
                options.Options = FileOptions.DeleteOnClose;
            }
            else
            {
                options.UnixCreateMode = createMode;
            }

            bool verify = UnixFileStatus.IsSupported;
            for (int attempt = 1; ; attempt++)
            {
                FileStream? stream = TryOpen(path, options, attempt, bucketName, objectKey);
                if (stream is not null)
                {
                    bool ours;
                    try
                    {
                        ours = !verify || NamesTheSameFile(stream, path);
                    }
                    catch
                    {
                        stream.Dispose();
                        throw;
                    }

                    if (ours)
                    {
                        return new FileCheckpointLock(stream, path, unlinkOnRelease: verify, beforeRelease);
                    }

                    // Locked a file that its holder unlinked after we opened it: try the name again.
                    stream.Dispose();
                }

                if (attempt == MaxAttempts)
                {
                    throw CheckpointLockError.Create(bucketName, objectKey, path);
                }
            }
        }
        catch
        {
            s_held.TryRemove(path, out _);
            throw;
        }
    }

    /// <summary>Whether <paramref name="path"/> names the very file <paramref name="stream"/> has open (Linux).</summary>
    internal static bool NamesTheSameFile(FileStream stream, string path)
        => UnixFileStatus.Of(path) is { } named && named.IsSameFileAs(UnixFileStatus.Of(stream.SafeFileHandle));

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                _beforeRelease?.Invoke();
                if (_unlinkOnRelease)
                {
                    // While still holding the lock: the name is ours until the handle closes.
                    TryUnlink(Path);
                }
            }
            finally
            {
                _stream.Dispose();
                s_held.TryRemove(Path, out _);
            }
        }
    }

    /// <summary>Opens and locks the file.</summary>
    /// <returns>The locked stream, or null to try again (Windows: the previous holder's file is still being deleted).</returns>
    private static FileStream? TryOpen(string path, FileStreamOptions options, int attempt, string bucketName, string objectKey)
    {
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw CheckpointLockError.Create(bucketName, objectKey, path, ex);
        }
        catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows() && attempt < MaxAttempts && File.Exists(path))
        {
            // A file closed with DeleteOnClose is "delete pending" for a moment, and opening it meanwhile is denied.
            Thread.Yield();
            return null;
        }
    }

    private static void TryUnlink(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in place: harmless, the next holder reuses it.
        }
        catch (UnauthorizedAccessException)
        {
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
