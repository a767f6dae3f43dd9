using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>What a local path or open handle is: only a regular file has a size to split into parts.</summary>
internal enum LocalFileKind
{
    /// <summary>Nothing at the path.</summary>
    Missing,

    /// <summary>A regular file, or a symbolic link to one.</summary>
    Regular,

    /// <summary>A directory, or a symbolic link to one.</summary>
    Directory,

    /// <summary>A FIFO, socket, character or block device: no fixed size, and opening or reading it may block.</summary>
    Other,

    /// <summary>The platform could not say; treated as regular.</summary>
    Unknown,
}

/// <summary>
/// Tells a regular file from a FIFO, socket or device before it is opened: .NET has no public API for the file
/// type, and opening a FIFO for reading blocks in open(2) until a writer appears, beyond any cancellation token.
/// </summary>
/// <remarks>
/// On Unix this calls stat(2) through the runtime's own <c>libSystem.Native</c> (<c>SystemNative_Stat</c>, the
/// call behind <see cref="File.GetAttributes(string)"/>), whose status record has the same layout on every Unix
/// .NET supports, unlike libc's <c>struct stat</c>. Only its first two fields are read. If the export cannot be
/// found the probe answers <see cref="LocalFileKind.Unknown"/> and the caller falls back to the managed checks
/// (directory, missing). On Windows there are no FIFOs on disk; only directories are told apart.
/// </remarks>
internal static class LocalFileProbe
{
    // The S_IFMT bits, as the runtime's PAL normalizes them on every Unix.
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;

    private static volatile bool s_nativeUnavailable;

    /// <summary>The kind of what <paramref name="path"/> names, following symbolic links.</summary>
    public static LocalFileKind Probe(string path)
    {
        if (!OperatingSystem.IsWindows() && !s_nativeUnavailable)
        {
            byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(path) + 1];
            Encoding.UTF8.GetBytes(path, utf8);
            if (TryNative(() => NativeStat(utf8, out FileStatus status) == 0 ? status.Mode : -1) is int mode)
            {
                return mode >= 0 ? FromMode(mode) : ManagedProbe(path);
            }
        }

        return ManagedProbe(path);
    }

    /// <summary>The kind of an open handle (fstat), or <see cref="LocalFileKind.Unknown"/> where that cannot be told.</summary>
    public static LocalFileKind Probe(SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows() || s_nativeUnavailable)
        {
            return LocalFileKind.Unknown;
        }

        return TryNative(() => NativeFStat(handle, out FileStatus status) == 0 ? status.Mode : -1) is int mode and >= 0
            ? FromMode(mode)
            : LocalFileKind.Unknown;
    }

    private static LocalFileKind FromMode(int mode) => (mode & TypeMask) switch
    {
        TypeRegular => LocalFileKind.Regular,
        TypeDirectory => LocalFileKind.Directory,
        _ => LocalFileKind.Other,
    };

    private static LocalFileKind ManagedProbe(string path)
        => Directory.Exists(path) ? LocalFileKind.Directory
            : File.Exists(path) ? LocalFileKind.Unknown
            : LocalFileKind.Missing;

    private static int? TryNative(Func<int> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeUnavailable = true;
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int NativeStat(byte[] path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
    private static extern int NativeFStat(SafeFileHandle fd, out FileStatus status);

    /// <summary>The head of the runtime's <c>FileStatus</c> record; the size leaves room for the fields after it.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
