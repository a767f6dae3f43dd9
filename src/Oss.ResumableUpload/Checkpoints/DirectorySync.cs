using System.Runtime.InteropServices;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// <c>fsync</c> of a directory on Unix, which makes a rename inside it durable: without it, a power loss soon after a
/// save can bring back the old checkpoint (or none) even though the new file's data was flushed. .NET cannot open
/// a directory as a file, so this opens it with libc.
/// </summary>
internal static class DirectorySync
{
    private const int EINVAL = 22;
    private const int ENOSYS = 38;
    private const int EOPNOTSUPP = 95;

    /// <summary>Syncs <paramref name="directory"/>.</summary>
    /// <returns>True when it was synced; false on Windows (NTFS journals the rename), or when the directory cannot be opened or the file system does not sync directories.</returns>
    /// <exception cref="IOException">The file system reported an error while syncing (for example EIO): the rename may not be durable.</exception>
    public static bool TryFlush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        int closeOnExec = OperatingSystem.IsLinux() ? 0x80000 : OperatingSystem.IsMacOS() ? 0x1000000 : 0;
        int fd = UnixNative.Open(UnixNative.ToUtf8Z(directory), closeOnExec); // O_RDONLY
        if (fd < 0)
        {
            return false;
        }

        try
        {
            if (UnixNative.Fsync(fd) == 0)
            {
                return true;
            }

            int errno = Marshal.GetLastPInvokeError();
            bool unsupported = errno == EINVAL || (OperatingSystem.IsLinux() && errno is ENOSYS or EOPNOTSUPP);
            return unsupported
                ? false
                : throw new IOException($"fsync of the checkpoint directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
        }
        finally
        {
            _ = UnixNative.Close(fd);
        }
    }
}
