using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// Which files in a checkpoint directory the store believes. Anyone who can write the directory can plant a file
/// there, and a checkpoint names an upload id that the engine resumes, or aborts when it looks superseded; so on
/// Unix a file counts only if the current user owns it and neither its group nor others can write it, and is not a
/// symbolic link. Anything else is treated as absent (with a warning), and a file someone else owns is never deleted.
/// </summary>
/// <remarks>
/// Windows is not checked: there, access is governed by ACLs, which a user's profile directories already restrict.
/// Without <c>statx</c> (macOS, the BSDs) only the mode bits are checked, not the owner.
/// </remarks>
internal static class CheckpointFileTrust
{
    private const uint GroupOrOthersWrite = 0b000_010_010; // 0022
    private const UnixFileMode GroupOrOthersWriteMode = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>What is wrong with a file of this status for <paramref name="currentUser"/>.</summary>
    /// <returns>The problem, worded to follow "it is", or null when the file can be trusted.</returns>
    public static string? ProblemWith(UnixFileStatus status, uint currentUser)
        => status.OwnerId != currentUser ? $"owned by user {status.OwnerId}, not by the current user {currentUser}"
            : (status.Mode & GroupOrOthersWrite) != 0 ? $"writable by group or others (mode {Octal(status.Mode)})"
            : null;

    /// <summary>What is wrong with the file <paramref name="path"/>, open as <paramref name="handle"/>.</summary>
    /// <returns>The problem, or null when the file can be trusted (always, on Windows).</returns>
    public static string? ProblemWith(string path, SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (new FileInfo(path).LinkTarget is not null)
        {
            return "a symbolic link";
        }

        if (UnixFileStatus.IsSupported)
        {
            return ProblemWith(UnixFileStatus.Of(handle), UnixFileStatus.CurrentUserId);
        }

        UnixFileMode mode = File.GetUnixFileMode(handle);
        return (mode & GroupOrOthersWriteMode) != 0 ? $"writable by group or others (mode {Octal((uint)mode)})" : null;
    }

    /// <summary>Whether another user owns the file <paramref name="path"/> names (the link itself, for a symbolic link).</summary>
    /// <returns>The owner's user id, or null when the current user owns it, it does not exist, or owners cannot be read here.</returns>
    public static uint? ForeignOwner(string path)
    {
        if (!UnixFileStatus.IsSupported)
        {
            return null;
        }

        try
        {
            return UnixFileStatus.Of(path, followLinks: false) is { } status && status.OwnerId != UnixFileStatus.CurrentUserId ? status.OwnerId : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>What is wrong with the directory <paramref name="directory"/>.</summary>
    /// <returns>The problem, or null when only its owner can write it, or it has the sticky bit (like /tmp), or this is Windows.</returns>
    public static string? DirectoryProblem(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        UnixFileMode mode = File.GetUnixFileMode(directory);
        return (mode & GroupOrOthersWriteMode) != 0 && (mode & UnixFileMode.StickyBit) == 0
            ? $"writable by group or others (mode {Octal((uint)mode)}) and has no sticky bit"
            : null;
    }

    private static string Octal(uint mode) => Convert.ToString((int)(mode & 0xFFF), 8).PadLeft(4, '0');
}
