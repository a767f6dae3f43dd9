using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// What the store needs to know about a file on Linux: which file it is (device and inode), how many names it has,
/// who owns it and its mode. Read with <c>statx</c>, from an open handle or from a path.
/// </summary>
/// <param name="Device">The device, major and minor packed.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="LinkCount">The number of names the file has; 0 once it has been unlinked.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="Mode">The type and permission bits (<c>st_mode</c>).</param>
internal readonly record struct UnixFileStatus(ulong Device, ulong Inode, uint LinkCount, uint OwnerId, uint Mode)
{
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    private static readonly Lazy<bool> s_supported = new(Probe);

    /// <summary>Gets a value indicating whether this platform can report file status (Linux with a <c>statx</c> libc and kernel).</summary>
    public static bool IsSupported => s_supported.Value;

    /// <summary>Gets the effective user id of this process.</summary>
    public static uint CurrentUserId => UnixNative.GetEffectiveUserId();

    /// <summary>Gets a value indicating whether this file and <paramref name="other"/> are the same file.</summary>
    public bool IsSameFileAs(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;

    /// <summary>The status of the file an open handle refers to.</summary>
    /// <exception cref="IOException">The call failed.</exception>
    public static UnixFileStatus Of(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            return UnixNative.Statx(fd, [0], UnixNative.AtEmptyPath, UnixNative.StatxBasicFields, out UnixNative.StatxBuffer buffer) == 0
                ? From(buffer)
                : throw LastError("fstat of an open checkpoint file");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The status of the file <paramref name="path"/> names (following symbolic links unless told not to).</summary>
    /// <returns>The status, or null when nothing has that name.</returns>
    /// <exception cref="IOException">The call failed for another reason.</exception>
    public static UnixFileStatus? Of(string path, bool followLinks = true)
    {
        int flags = followLinks ? 0 : UnixNative.AtSymlinkNoFollow;
        if (UnixNative.Statx(UnixNative.AtFdCwd, UnixNative.ToUtf8Z(path), flags, UnixNative.StatxBasicFields, out UnixNative.StatxBuffer buffer) == 0)
        {
            return From(buffer);
        }

        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw LastError(path, errno);
    }

    private static UnixFileStatus From(in UnixNative.StatxBuffer buffer)
        => new(((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor, buffer.Inode, buffer.LinkCount, buffer.OwnerId, buffer.Mode);

    private static IOException LastError(string what, int? errno = null)
    {
        int error = errno ?? System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return new IOException($"statx failed for {what}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(error)} (errno {error}).", error);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // ENOSYS (kernel before 4.11) or EPERM (an old container seccomp profile) mean no statx.
            return UnixNative.Statx(UnixNative.AtFdCwd, UnixNative.ToUtf8Z("/"), 0, UnixNative.StatxBasicFields, out _) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.28, musl before 1.2.5.
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }
}
