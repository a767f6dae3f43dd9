using System.Diagnostics;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>Only another holder makes a lock <see cref="OssClientErrorCode.CheckpointLocked"/>; an I/O error is reported as itself.</summary>
public sealed class FileCheckpointLockErrorTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("a symbolic link to itself (ELOOP)")]
    [InlineData("a symbolic link below a regular file (ENOTDIR)")]
    public void A_lock_file_that_cannot_be_opened_is_an_IO_error_naming_it_not_CheckpointLocked(string how)
    {
        if (OperatingSystem.IsWindows())
        {
            // Creating symbolic links needs a privilege there; the classification is the same code.
            return;
        }

        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        Directory.CreateDirectory(store.DirectoryPath);
        string lockPath = LockPath(store, "k");
        if (how.Contains("ELOOP", StringComparison.Ordinal))
        {
            File.CreateSymbolicLink(lockPath, lockPath);
        }
        else
        {
            string regular = Path.Combine(_files.DirectoryPath, "regular-file");
            File.WriteAllText(regular, "x");
            File.CreateSymbolicLink(lockPath, Path.Combine(regular, "below"));
        }

        Exception error = Record.Exception(() => ((ICheckpointLockProvider)store).AcquireLock("test-bucket", "k").Dispose())!;

        Assert.NotNull(error);
        Assert.False(error is OssClientException { ErrorCode: OssClientErrorCode.CheckpointLocked }, $"{how} was reported as CheckpointLocked: {error}");
        Assert.IsAssignableFrom<IOException>(error);
        Assert.Contains(lockPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_cannot_be_written_is_reported_as_access_denied_with_the_path()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        Directory.CreateDirectory(store.DirectoryPath);

        // Root ignores permission bits, so there the directory is made immutable instead (EPERM rather than EACCES).
        bool root = UnixNative.GetEffectiveUserId() == 0;
        if (root && !RunChattr("+i", store.DirectoryPath))
        {
            // Root without chattr or CAP_LINUX_IMMUTABLE (or a file system without the flag) has no way left to make
            // a directory unwritable for itself; the ELOOP and ENOTDIR cases above still cover the classification.
            return;
        }

        if (!root)
        {
            File.SetUnixFileMode(store.DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        try
        {
            Exception error = Record.Exception(() => ((ICheckpointLockProvider)store).AcquireLock("test-bucket", "k").Dispose())!;

            UnauthorizedAccessException denied = Assert.IsType<UnauthorizedAccessException>(error);
            Assert.Contains(LockPath(store, "k"), denied.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (root)
            {
                RunChattr("-i", store.DirectoryPath);
            }
            else
            {
                File.SetUnixFileMode(store.DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [Fact]
    public void A_directory_path_below_a_regular_file_is_an_IO_error_not_CheckpointLocked()
    {
        string regular = Path.Combine(_files.DirectoryPath, "regular-file");
        File.WriteAllText(regular, "x");
        ICheckpointLockProvider store = new FileCheckpointStore(Path.Combine(regular, "checkpoints"));

        Exception error = Record.Exception(() => store.AcquireLock("test-bucket", "k").Dispose())!;

        Assert.IsAssignableFrom<IOException>(error);
        Assert.False(error is OssClientException);
    }

    private static string LockPath(FileCheckpointStore store, string objectKey)
        => Path.Combine(store.DirectoryPath, CheckpointFileNames.Lock("test-bucket", objectKey));

    private static bool RunChattr(string flag, string path)
    {
        try
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false })!;
            chattr.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
