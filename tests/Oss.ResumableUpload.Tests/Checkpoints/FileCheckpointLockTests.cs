using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>The lock file exists only while the lock is held, and removing it never lets two holders in.</summary>
public sealed class FileCheckpointLockTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Releasing_the_lock_removes_its_file_so_the_directory_is_empty()
    {
        if (!FileCheckpointLock.RemovesFileOnRelease)
        {
            // macOS, the BSDs, Linux without statx: the file stays by design (see FileCheckpointLock).
            return;
        }

        ICheckpointLockProvider store = new FileCheckpointStore(_files.CheckpointDirectory);
        for (int round = 0; round < 3; round++)
        {
            IDisposable held = store.AcquireLock("test-bucket", "k");
            Assert.Single(Directory.GetFiles(_files.CheckpointDirectory, "*.lock"));

            held.Dispose();
            held.Dispose();

            Assert.Empty(Directory.GetFileSystemEntries(_files.CheckpointDirectory));
        }
    }

    [Fact]
    public void A_lock_file_left_by_an_older_version_is_taken_and_then_removed()
    {
        if (!FileCheckpointLock.RemovesFileOnRelease)
        {
            return;
        }

        Directory.CreateDirectory(_files.CheckpointDirectory);
        string stale = Path.Combine(_files.CheckpointDirectory, CheckpointFileNames.Lock("test-bucket", "k"));
        File.WriteAllBytes(stale, []);
        ICheckpointLockProvider store = new FileCheckpointStore(_files.CheckpointDirectory);

        store.AcquireLock("test-bucket", "k").Dispose();

        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void The_identity_check_tells_the_locked_file_from_one_that_replaced_it()
    {
        if (!UnixFileStatus.IsSupported)
        {
            return;
        }

        Directory.CreateDirectory(_files.CheckpointDirectory);
        string path = Path.Combine(_files.CheckpointDirectory, "x.lock");
        using var opened = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Assert.True(FileCheckpointLock.NamesTheSameFile(opened, path));

        // The holder unlinks it (B still has it open) ...
        File.Delete(path);
        Assert.False(FileCheckpointLock.NamesTheSameFile(opened, path));

        // ... and C creates a new file under the name.
        File.WriteAllBytes(path, []);
        Assert.False(FileCheckpointLock.NamesTheSameFile(opened, path));
        Assert.Equal(0u, UnixFileStatus.Of(opened.SafeFileHandle).LinkCount);
    }
}
