using System.Runtime.InteropServices;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The few libc calls the file store needs and .NET does not expose: a file's identity and owner
/// (<c>statx</c>, Linux), the effective user id, and <c>fsync</c> of a directory.
/// </summary>
/// <remarks>
/// Plain <see cref="DllImportAttribute"/> over blittable types only (ints, a fixed-layout struct, a UTF-8 byte
/// array), so no marshalling code is generated at run time and the calls stay trimming- and AOT-safe without
/// unsafe code. <c>statx</c> is used rather than <c>stat</c> because its struct has one layout on every Linux
/// architecture, where <c>struct stat</c> differs between x64 and arm64 and older glibc does not export
/// <c>stat</c> at all.
/// </remarks>
internal static class UnixNative
{
    public const int AtFdCwd = -100;
    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary>STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_INO.</summary>
    public const uint StatxBasicFields = 0x1 | 0x2 | 0x4 | 0x8 | 0x100;

    private const string LibC = "libc";

    [DllImport(LibC, EntryPoint = "geteuid")]
    public static extern uint GetEffectiveUserId();

    [DllImport(LibC, EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int directoryFd, byte[] utf8Path, int flags, uint mask, out StatxBuffer buffer);

    [DllImport(LibC, EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte[] utf8Path, int flags);

    [DllImport(LibC, EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int fd);

    [DllImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    /// <summary>A null-terminated UTF-8 copy of <paramref name="path"/>.</summary>
    public static byte[] ToUtf8Z(string path)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary><c>struct statx</c> from linux/stat.h: 256 bytes, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(16)]
        public uint LinkCount;

        [FieldOffset(20)]
        public uint OwnerId;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }
}
